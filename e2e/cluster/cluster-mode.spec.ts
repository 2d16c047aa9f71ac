import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, systemUrl } from '@lumenforge/config';
import { nextHealthEventFromAnotherApp } from '../shared/live-health';
import { screenshotPath } from '../shared/screenshots';
import { signIn } from '../shared/sign-in';

const CLUSTER_HOME = join(import.meta.dirname, '..', '..', '.lumenforge', 'e2e-cluster');

test('[PLATFORM][CLUSTER]: all six apps run in cluster mode with PostgreSQL, Redis and NATS ok', async ({
  request,
}) => {
  for (const id of SYSTEM_IDS) {
    const response = await request.get(`${systemUrl(id)}/api/health`);
    expect(response.status(), id).toBe(200);
    const body = await response.json();
    expect(body, id).toMatchObject({
      service: id,
      status: 'ok',
      checks: {
        postgres: { status: 'ok', critical: true },
        redis: { status: 'ok', critical: false },
        nats: { status: 'ok', critical: false },
      },
    });
  }
});

test('[PLATFORM][CLUSTER]: an event published by one app reaches another over NATS JetStream', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin', { home: CLUSTER_HOME });
  await page.goto('/');
  await expect(page.getByText('Live status')).toBeVisible({ timeout: 15_000 });
  // Another app's wissil.system.health: outbox → relay → JetStream → LANDING's stream → this page.
  const event = await nextHealthEventFromAnotherApp(page);
  expect(event.data.status).toBe('ok');
  // Reported by an app running in cluster mode: its checks include NATS and Redis.
  expect(event.data.checks['nats']?.status).toBe('ok');
  expect(event.data.checks['redis']?.status).toBe('ok');
  await page.screenshot({ path: screenshotPath('landing-cluster-mode'), fullPage: true });
});

test('[AUTH][CLUSTER]: sessions live in Redis: one sign-in reaches all six apps, one sign-out refuses all six', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'engineer', { home: CLUSTER_HOME });
  for (const id of SYSTEM_IDS) {
    await page.goto(`${systemUrl(id)}/`);
    await expect(page.getByTestId('user-role')).toHaveText('engineer');
  }
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  for (const id of SYSTEM_IDS) {
    await page.goto(`${systemUrl(id)}/`);
    await expect(page).toHaveURL(/\/signin\?returnTo=/);
  }
});
