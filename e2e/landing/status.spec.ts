import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, SYSTEMS } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';

test('[LANDING][STATUS]: /status lists the six apps and PostgreSQL as operational, with uptime strips and the metrics table', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/status');
  await expect(page).toHaveTitle('Status · LumenForge');
  await expect(page.getByRole('heading', { level: 1, name: 'System status' })).toBeVisible();

  for (const id of [...SYSTEM_IDS, 'postgres']) {
    const row = page.getByTestId(`status-row-${id}`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId(`status-state-${id}`)).toHaveText('Operational');
    await expect(page.getByTestId(`status-latency-${id}`)).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
    // 96 quarter-hours, each with an accessible name saying its time range and status.
    const buckets = row.getByRole('img');
    await expect(buckets).toHaveCount(96);
    await expect(buckets.last()).toHaveAttribute(
      'aria-label',
      /^\d{1,2} [A-Z][a-z]{2}, \d\d:\d\d–\d\d:\d\d UTC: /,
    );
  }
  await expect(page.getByTestId('status-row-slate')).toContainText(SYSTEMS.slate.name);
  // Single-node e2e platform: Redis and NATS are not used (not "down"), no registry configured.
  await expect(page.getByTestId('status-state-redis')).toHaveText('Not used');
  await expect(page.getByTestId('status-state-nats')).toHaveText('Not used');
  await expect(page.getByTestId('status-state-registry')).toHaveText('Not configured');

  // The sampler's first sample lands a few seconds after LANDING starts: the strips fill in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('status-row-postgres').locator('[data-status="up"]').first()).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 80_000, intervals: [2_000, 5_000, 10_000] });
  await expect(page.getByTestId('status-row-postgres')).toContainText(/\d+(\.\d)? % up/);
  await expect(page.getByTestId('status-no-samples')).toHaveCount(0);

  const metrics = page.getByTestId('metrics-table');
  await expect(metrics).toBeVisible();
  const connections = page.getByTestId('metric-postgres-connections');
  await expect(connections).toContainText('Connections');
  await expect(connections).toContainText('> 80');
  await expect(connections).toContainText('> 95');
  await expect(connections).toContainText(/OK|Warning|Critical/);
  await expect(page.getByTestId('metric-postgres-databaseSizeBytes')).toContainText(/\d+(\.\d)? (KB|MB|GB)/);
  await expect(page.getByTestId('metric-postgres-replicationLagSeconds')).toContainText('not configured');

  const api = await page.request.get('/api/status');
  expect(api.status()).toBe(200);
  expect(api.headers()['etag']).toBeTruthy();
  const body = (await api.json()) as { targets: Array<{ id: string; uptime: { buckets: unknown[] } }> };
  expect(body.targets.map((target) => target.id)).toEqual([
    ...SYSTEM_IDS,
    'postgres',
    'redis',
    'nats',
    'registry',
  ]);
  const notModified = await page.request.get('/api/status', {
    headers: { 'if-none-match': api.headers()['etag'] ?? '' },
  });
  expect([200, 304]).toContain(notModified.status());

  await page.screenshot({ path: screenshotPath('landing-status'), fullPage: true });
});
