import { expect, test, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { storageStateFor } from '../shared/sign-in';

/** `--name` of each `var(--name)` a page's CSS-variable copy buttons offer (their title is the text copied). */
const offeredVariables = async (page: Page): Promise<string[]> => {
  const titles = await page
    .locator('[data-testid$="-copy-css"]')
    .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('title') ?? ''));
  return [
    ...new Set(titles.map((title) => /^var\((--[^)]+)\)$/.exec(title)?.[1] ?? `not a var(): ${title}`)),
  ];
};

/** The variables that have no value on `page`'s root element. */
const undefinedOn = (page: Page, names: readonly string[]) =>
  page.evaluate(
    (list) =>
      list.filter((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() === ''),
    names,
  );

test.describe('[SLATE] copy as CSS variable', () => {
  test.use({ storageState: storageStateFor('designer') });

  test('[SLATE][COPY]: every CSS variable the explorer offers resolves in SLATE and in the other apps, in both themes', async ({
    page,
    context,
  }) => {
    test.slow(); // SLATE's explorer (every token) and four more page loads: over 30 s under CI load
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: systemUrl('slate') });
    await page.goto('/');
    const variables = await offeredVariables(page);
    // Palettes, semantic colours, per-system accent roles, type, spacing, radii, shadows, motion.
    expect(variables.length).toBeGreaterThan(200);
    expect(variables).toEqual(
      expect.arrayContaining(['--color-accent-spark', '--spacing-4', '--color-fg-subtle']),
    );

    // What the button puts on the clipboard is what its title says.
    await page.getByTestId('explorer-search').fill('accent.spark');
    const copy = page.getByTestId('token-color.accent.spark.$root-copy-css');
    // Retried: a click before hydration reaches a button with no handler yet.
    await expect(async () => {
      await copy.click();
      await expect(copy).toContainText('Copied', { timeout: 1_000 });
    }).toPass();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('var(--color-accent-spark)');

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await undefinedOn(page, variables), `undefined in SLATE (${colorScheme})`).toEqual([]);
      for (const other of ['spark', 'landing'] as const) {
        const otherPage = await context.newPage();
        await otherPage.emulateMedia({ colorScheme });
        await otherPage.goto(systemUrl(other));
        await expect(otherPage.locator('html')).toHaveAttribute('data-system', other);
        expect(await undefinedOn(otherPage, variables), `undefined in ${other} (${colorScheme})`).toEqual([]);
        await otherPage.close();
      }
    }
  });
});
