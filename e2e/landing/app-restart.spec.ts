import { expect, test } from '@playwright/test';
import { platformApps, startPlatformApp, stopPlatformApp } from '../shared/platform-control';
import { screenshotPath } from '../shared/screenshots';

// Stops a real app through the platform's control channel, so it runs alone in the `restart`
// project (playwright.config.ts), after every spec that needs the six apps up.
test('[LANDING][RESTART]: stopping one app turns its card red, restarting turns it green, without reloading the page', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const ignisStatus = page.getByTestId('status-ignis');
  await page.goto('/');
  await expect(page.getByTestId('cards-live')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(ignisStatus).toHaveText('Operational');
  expect((await platformApps()).find((app) => app.id === 'ignis')?.state).toBe('running');
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));

  try {
    const stopped = await stopPlatformApp('ignis');
    expect(stopped).toMatchObject({ id: 'ignis', state: 'stopped', pid: null });
    // No more reports from IGNIS: once its last one is stale, LANDING checks it and finds it down.
    await expect(ignisStatus).toHaveText('Down', { timeout: 30_000 });
    await expect(ignisStatus.locator('[data-state]')).toHaveAttribute('data-state', 'down');
    await expect(page.getByTestId('status-slate')).toHaveText('Operational');
    await page.screenshot({ path: screenshotPath('landing-card-down'), fullPage: true });
  } finally {
    // Always: the specs after this one (and a reused platform) need IGNIS.
    await startPlatformApp('ignis');
  }

  expect((await platformApps()).find((app) => app.id === 'ignis')).toMatchObject({
    state: 'running',
    pid: expect.any(Number),
  });
  await expect(ignisStatus).toHaveText('Operational', { timeout: 30_000 });
  await expect(ignisStatus.locator('[data-state]')).toHaveAttribute('data-state', 'ok');
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(
    true,
  );
});
