import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';

type TAuditEntry = {
  id: string;
  action: string;
  result: 'success' | 'failure' | 'denied';
  correlationId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
};

test('[LANDING][AUDIT]: each action is one row with result, client and reason; refused sign-ins too; readable at 390 px', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const origin = systemUrl('landing');
  const entries = async (query: string) =>
    (
      (await (await page.request.get(`/api/admin/audit?limit=100&${query}`)).json()) as {
        entries: TAuditEntry[];
      }
    ).entries;

  // A change that happens: one row, the action's own (written in its transaction).
  const created = `e2e-audit-ok-${randomUUID()}`;
  const createdAnswer = await page.request.post('/api/account/tokens', {
    headers: { origin, 'x-correlation-id': created },
    data: { name: `audit e2e ${created.slice(-6)}`, scopes: ['tokens.read'], expiresInDays: 7 },
  });
  expect(createdAnswer.status()).toBe(201);
  const { id: tokenId } = (await createdAnswer.json()) as { id: string };
  // A change refused for bad input: one failure row with the reason, nothing created.
  const refused = `e2e-audit-bad-${randomUUID()}`;
  const refusedAnswer = await page.request.post('/api/account/tokens', {
    headers: { origin, 'x-correlation-id': refused },
    data: { name: 'too much', scopes: ['not.a.permission'], expiresInDays: 7 },
  });
  expect(refusedAnswer.status()).toBe(400);
  // A forged callback (a state this browser never started): refused, logged and audited.
  const forged = `e2e-audit-forged-${randomUUID()}`;
  const callback = await page.request.get('/api/auth/callback?code=forged&state=never-issued-by-landing', {
    headers: { 'x-correlation-id': forged },
    maxRedirects: 0,
  });
  expect(callback.status()).toBeGreaterThanOrEqual(300);
  expect(callback.status()).toBeLessThan(400);

  // Each request's rows among the newest of their kind (api* covers api_token.* and api.*): exactly one.
  const rowsOf = async (action: string, correlationId: string) =>
    (await entries(`action=${action}`)).filter((entry) => entry.correlationId === correlationId);
  expect(await rowsOf('api*', created)).toEqual([
    expect.objectContaining({ action: 'api_token.created', result: 'success' }),
  ]);
  expect(await rowsOf('api*', refused)).toEqual([
    expect.objectContaining({
      action: 'api.account.tokens.create',
      result: 'failure',
      metadata: expect.objectContaining({
        status: 400,
        reason: expect.stringContaining('scopes.0: is not a known permission'),
      }),
    }),
  ]);
  const signIns = await rowsOf('auth.signin', forged);
  expect(signIns).toHaveLength(1);
  const [signIn] = signIns;
  expect(signIn).toMatchObject({ action: 'auth.signin', result: 'denied' });
  expect(String(signIn?.metadata['reason'])).toMatch(/^expired: /);
  expect(signIn?.ip).toBeTruthy();

  // The page shows result, client and reason; on a phone each entry is a card, no sideways scroll.
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/admin/audit?action=auth.signin&result=denied');
    const row = page.getByTestId(`audit-row-${signIn?.id}`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId(`audit-result-${signIn?.id}`)).toHaveText('Refused');
    await expect(page.getByTestId(`audit-reason-${signIn?.id}`)).toContainText('expired');
    await expect(page.getByTestId(`audit-client-${signIn?.id}`)).toContainText(signIn?.ip ?? '');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `the audit log at ${width}px scrolls sideways`).toBeLessThanOrEqual(innerWidth);
    const rowBox = await row.boundingBox();
    expect((rowBox?.x ?? 0) + (rowBox?.width ?? 0)).toBeLessThanOrEqual(width + 0.5);
    await page.screenshot({ path: screenshotPath(`landing-audit-${width}`), fullPage: true });
  }

  await page.request.delete(`/api/account/tokens/${tokenId}`, { headers: { origin } });
});
