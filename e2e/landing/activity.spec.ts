import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { publishTokenVersionInSlate } from '../shared/slate-tokens';

const SLATE = systemUrl('slate');

test('[LANDING][ACTIVITY]: a token version published in SLATE appears in the feed live, links to its version page, and follows the system filter', async ({
  page,
  context,
}) => {
  await page.goto('/activity');
  await expect(page).toHaveTitle('Activity · LumenForge');
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter activity' })).toBeVisible();
  const live = page.getByTestId('activity-live');
  await expect(live).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(live).toHaveText('Live');
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));

  // Another app publishes: SLATE writes wissil.tokens.updated to the outbox with the version.
  const changelog = `Activity feed e2e ${Date.now()}`;
  const { version } = await publishTokenVersionInSlate(page.request, { system: 'ignis', changelog });

  // The row arrives on its own, at the top, with the summary, actor and a link to the version.
  const row = page
    .getByTestId('activity-row')
    .filter({ hasText: `published tokens ${version.semver}` })
    .filter({ has: page.getByRole('link', { name: `Version ${version.number} · ${version.semver}` }) });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toHaveAttribute('data-subject', 'wissil.tokens.updated');
  await expect(row).toHaveAttribute('data-system', 'slate');
  await expect(row).toContainText('Slate');
  await expect(row).toContainText('Tokens published');
  await expect(row.locator('time')).toHaveText('just now');
  await expect(row.locator('time')).toHaveAttribute('title', /UTC$/);
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(
    true,
  );

  // The link opens SLATE's page of that version.
  const link = row.getByTestId('activity-link');
  await expect(link).toHaveAttribute('href', `${SLATE}/versions/${version.number}`);
  const versionPage = await context.newPage();
  const opened = await versionPage.goto(`${SLATE}/versions/${version.number}`);
  expect(opened?.status()).toBe(200);
  await expect(versionPage).toHaveTitle(new RegExp(`Version #${version.number}`));
  await expect(versionPage.getByText(changelog).first()).toBeVisible();
  await versionPage.close();

  // Filtered to SLATE the row stays (and the URL says so); filtered to IGNIS it is gone.
  const systemFilter = page.getByTestId('activity-system-filter');
  await systemFilter.selectOption('slate');
  await expect(page).toHaveURL(/\/activity\?system=slate$/);
  await expect(row).toBeVisible();
  await expect(page.locator('[data-testid="activity-row"]:not([data-system="slate"])')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('landing-activity'), fullPage: true });

  await systemFilter.selectOption('ignis');
  await expect(page).toHaveURL(/\/activity\?system=ignis$/);
  await expect(row).toBeHidden();
  await expect(page.locator('[data-testid="activity-row"]:not([data-system="ignis"])')).toHaveCount(0);

  // A reload keeps the filter (server-rendered from the URL); clearing it brings the row back.
  await page.reload();
  await expect(systemFilter).toHaveValue('ignis');
  await expect(row).toBeHidden();
  await systemFilter.selectOption('');
  await expect(page).toHaveURL(/\/activity$/);
  await expect(row).toBeVisible();

  // The home page's "Recent activity" panel lists it too, next to the live status cards.
  await page.goto('/');
  const recent = page.getByTestId('recent-activity');
  await expect(recent.getByRole('heading', { name: 'Recent activity' })).toBeVisible();
  await expect(
    recent.getByTestId('activity-row').filter({ hasText: `published tokens ${version.semver}` }),
  ).toBeVisible();
  expect(await recent.getByTestId('activity-row').count()).toBeLessThanOrEqual(8);
  await expect(recent.getByTestId('activity-view-all')).toHaveAttribute('href', '/activity');
  await expect(page.getByText('Live status')).toBeVisible({ timeout: 15_000 });
});

test('[LANDING][ACTIVITY]: the history API pages newest first, filters, revalidates with an ETag and refuses bad queries', async ({
  request,
}) => {
  const first = await request.get('/api/activity?limit=2');
  expect(first.status()).toBe(200);
  const etag = first.headers()['etag'];
  expect(etag).toBeTruthy();
  const body = (await first.json()) as {
    items: Array<{ id: string; subject: string; occurredAt: string; system: string }>;
    nextBefore: number | null;
  };
  expect(body.items.length).toBeLessThanOrEqual(2);
  for (const item of body.items) expect(item.subject).not.toBe('wissil.system.health');
  expect(
    (await request.get('/api/activity?limit=2', { headers: { 'If-None-Match': etag ?? '' } })).status(),
  ).toBe(304);
  if (body.nextBefore !== null) {
    const older = (await (await request.get(`/api/activity?limit=2&before=${body.nextBefore}`)).json()) as {
      items: Array<{ id: string; occurredAt: string }>;
    };
    for (const item of older.items) expect(body.items.map((newer) => newer.id)).not.toContain(item.id);
  }
  const slate = (await (await request.get('/api/activity?system=slate')).json()) as {
    items: Array<{ system: string }>;
  };
  for (const item of slate.items) expect(item.system).toBe('slate');
  for (const bad of ['system=nope', 'kind=system.health', 'before=0', 'limit=1000']) {
    const refused = await request.get(`/api/activity?${bad}`);
    expect(refused.status(), bad).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_request');
  }
});
