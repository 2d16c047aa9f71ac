import { expect, test } from '@playwright/test';
import { createDbClient, type TDbClient } from '@lumenforge/db/server';
import { screenshotPath } from '../shared/screenshots';
import { createStarterProject, e2eDatabaseUrl } from './projects';

let db: TDbClient;

test.describe('[IGNIS] runtime choice: WebContainer is opt-in and says why it is unavailable', () => {
  test.beforeAll(() => {
    db = createDbClient(e2eDatabaseUrl(), { poolMax: 2, applicationName: 'e2e-ignis-webcontainer' });
  });
  test.afterAll(async () => {
    await db?.$disconnect();
  });

  test('[IGNIS][WEBCONTAINER]: with the default config the editor offers only the IGNIS engine, and names the administrator', async ({
    page,
  }) => {
    test.slow();
    const projectId = await createStarterProject(db, { name: 'Runtime', description: 'e2e: runtime choice' });
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(`/projects/${projectId}`);
    // Off by default: the page is not made cross-origin isolated.
    expect(response?.headers()['cross-origin-embedder-policy']).toBeUndefined();
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);

    const choice = page.getByTestId('runtime-choice');
    await expect(choice.getByRole('radio', { name: 'IGNIS engine (default)' })).toBeChecked();
    const inBrowser = choice.getByRole('radio', { name: 'In-browser (WebContainer)' });
    await expect(inBrowser).toBeDisabled();
    await expect(inBrowser).not.toBeChecked();
    const reason = page.getByTestId('webcontainer-reason');
    await expect(reason).toHaveText('WebContainer is unavailable: Turned off by the administrator.');
    await expect(reason).toHaveAttribute('data-reason', 'disabled');
    await expect(inBrowser).toHaveAccessibleDescription(/Turned off by the administrator/);

    // The default runtime still previews the project (a plain sandboxed iframe, not a credentialless
    // one: the page is not isolated); the WebContainer code was never loaded.
    const previewIframe = page.locator('iframe[title^="Preview of"]');
    await expect(previewIframe).toBeVisible({ timeout: 60_000 });
    await expect(previewIframe).not.toHaveAttribute('credentialless');
    await expect(page.frameLocator('iframe[title^="Preview of"]').getByTestId('counter')).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    expect(loaded.filter((name) => name.includes('webcontainer'))).toEqual([]);
    await page.screenshot({ path: screenshotPath('ignis-runtime-choice-1280'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(reason).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('ignis-runtime-choice-390'), fullPage: true });
  });
});
