import { expect, test } from '@playwright/test';
import { systemUnderTest } from './system';

test('[PLATFORM][HEALTH]: /api/health reports ok with PostgreSQL checked', async ({ request }, testInfo) => {
  const system = systemUnderTest(testInfo);
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('no-store');
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', service: system.id, version: expect.any(String) });
  expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  expect(Date.parse(body.checkedAt)).not.toBeNaN();
  expect(body.checks.postgres).toMatchObject({ status: 'ok', critical: true });
  expect(body.checks.postgres.latencyMs).toBeLessThan(1_500);
});
