import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, SYSTEMS, systemUrl } from '@lumenforge/config';
import { screenshotPath } from './screenshots';
import { systemUnderTest, TOOL_HOME_SYSTEMS } from './system';

test('[PLATFORM][HOME]: home page shows the system, its purpose, its health and the switcher', async ({
  page,
}, testInfo) => {
  const system = systemUnderTest(testInfo);
  await page.goto('/');
  await expect(page).toHaveTitle(new RegExp(`${system.name} · LumenForge`));
  await expect(page.locator('html')).toHaveAttribute('data-system', system.id);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (!TOOL_HOME_SYSTEMS.has(system.id)) {
    await expect(page.getByText(system.purpose)).toBeVisible();
    const health = page.getByRole('region', { name: 'Service health' });
    await expect(health.getByRole('rowheader', { name: /postgres/ })).toBeVisible();
    await expect(health.getByText('Operational').first()).toBeVisible();
  }

  const switcher = page.getByRole('navigation', { name: 'LumenForge systems' });
  await expect(switcher.getByRole('link')).toHaveCount(6);
  await expect(switcher.getByRole('link', { name: system.name })).toHaveAttribute('aria-current', 'page');

  const screenshot = await page.screenshot({
    path: screenshotPath(`${system.id}-home`),
    fullPage: true,
  });
  await testInfo.attach(`${system.id}-home`, { body: screenshot, contentType: 'image/png' });
});

test('[PLATFORM][SWITCHER]: every switcher link reaches the right app', async ({ page }, testInfo) => {
  test.slow(); // twelve full page loads, each with its live connection
  const system = systemUnderTest(testInfo);
  await page.goto('/');
  for (const targetId of SYSTEM_IDS) {
    const target = SYSTEMS[targetId];
    const link = page
      .getByRole('navigation', { name: 'LumenForge systems' })
      .getByRole('link', { name: target.name });
    await expect(link).toHaveAttribute('href', systemUrl(targetId));
    await link.click();
    await expect(page).toHaveURL(`${systemUrl(targetId)}/`);
    await expect(page.locator('html')).toHaveAttribute('data-system', targetId);
    await expect(
      page.getByRole('navigation', { name: 'LumenForge systems' }).getByRole('link', { name: target.name }),
    ).toHaveAttribute('aria-current', 'page');
    await page.goto(systemUrl(system.id));
  }
});
