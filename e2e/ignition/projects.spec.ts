import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';

test('[PROJECTS]: the project list links to a project page that opens the project in IGNIS', async ({
  page,
}) => {
  await page.goto('/projects');
  // Other specs create projects named "Starter …": the seeded one is the link named exactly Starter.
  const link = page.getByTestId('project-row').getByRole('link', { name: 'Starter', exact: true });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page).toHaveURL(/\/projects\/starter$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Starter' })).toBeVisible();
  const ignis = page.getByTestId('open-in-ignis');
  await expect(ignis).toHaveText(/Open in Ignis \(\d+ files?\)/);
  const href = await ignis.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${systemUrl('ignis')}/projects/[0-9a-f-]{36}$`));
  // The same page by id (LANDING's activity feed links by id).
  const byId = await page.goto(`/projects/${href?.split('/').pop() ?? ''}`);
  expect(byId?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Starter' })).toBeVisible();
});

test('[PROJECTS]: an unknown project answers 404', async ({ page }) => {
  const response = await page.goto('/projects/no-such-project');
  expect(response?.status()).toBe(404);
});

test('[PROJECTS]: a project found from LANDING’s search opens its IGNITION page', async ({ page }) => {
  await page.goto(systemUrl('landing'));
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('starter');
  const hit = page.getByTestId('search-result').filter({ hasText: 'Starter' }).first();
  await expect(hit).toHaveAttribute('data-kind', 'project');
  await hit.click();
  await expect(page).toHaveURL(`${systemUrl('ignition')}/projects/starter`);
  await expect(page.getByRole('heading', { level: 1, name: 'Starter' })).toBeVisible();
});
