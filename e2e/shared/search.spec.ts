import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from './screenshots';
import { systemUnderTest } from './system';

const SPARK = systemUrl('spark');

test('[SEARCH]: Ctrl-K in this app finds a seeded component and opens it in SPARK', async ({
  page,
}, testInfo) => {
  const system = systemUnderTest(testInfo);
  const name = `Searchable${system.name}${randomBytes(3).toString('hex').toUpperCase()}`;
  const seeded = await page.request.post(`${SPARK}/api/components`, {
    headers: { Origin: SPARK },
    data: {
      name,
      description: `Seeded by the ${system.name} search e2e`,
      source: `export function ${name}() {\n  return <section>${name}</section>;\n}\n`,
    },
  });
  expect(seeded.status(), await seeded.text()).toBe(201);
  const { component } = (await seeded.json()) as { component: { id: string } };

  await page.goto('/');
  await expect(page.getByTestId('search-button')).toBeVisible();
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  // Part of the name, in another case: search is case-insensitive and matches inside names.
  await input.fill(name.slice(3, -2).toLowerCase());
  const hit = page.getByTestId('search-result').filter({ hasText: name });
  // SLATE's explorer renders every token: under CI load its first answer can take seconds to paint.
  await expect(hit).toHaveAttribute('data-kind', 'component', { timeout: 15_000 });
  await expect(hit).toHaveAttribute('href', `${SPARK}/components/${component.id}`);
  await page.screenshot({ path: screenshotPath(`${system.id}-search`) });

  // Keyboard only: move onto the hit, then Enter opens it.
  const options = page.getByTestId('search-result');
  const index = await hit.evaluate((element) =>
    [...document.querySelectorAll('[data-testid="search-result"]')].indexOf(element),
  );
  for (let step = 0; step < index; step += 1) await page.keyboard.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${SPARK}/components/${component.id}`);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
});

test('[SEARCH]: Escape closes the palette and an unknown term says so', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('search-button').click();
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await input.fill(`nothing-like-this-${Date.now()}`);
  await expect(page.getByRole('dialog', { name: 'Search LumenForge' })).toContainText('No results for');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search LumenForge' })).toBeHidden();
  await expect(page.getByTestId('search-button')).toBeFocused();
});
