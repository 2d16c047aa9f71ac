import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { generateSync } from 'otplib';

export const ROLES = ['designer', 'engineer', 'admin', 'agent'] as const;
export type TE2eRole = (typeof ROLES)[number];

type TDemoAccount = { email: string; name: string; role: TE2eRole; password: string; totpSecret: string };

const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..');
/** The e2e platform's LUMENFORGE_HOME (playwright.config.ts) holds the local provider's demo accounts. */
export const E2E_HOME = join(WORKSPACE_ROOT, '.lumenforge', 'e2e');
export const AUTH_STATE_DIR = join(WORKSPACE_ROOT, 'test-output', 'e2e', '.auth');

/** Where the signed-in browser state of a role is kept for the specs (auth.setup.ts writes it). */
export function storageStateFor(role: TE2eRole): string {
  return join(AUTH_STATE_DIR, `${role}.json`);
}

/** The demo account of a role, as the local identity provider generated it for this run. */
export function demoAccount(role: TE2eRole, home = E2E_HOME): TDemoAccount {
  const file = JSON.parse(readFileSync(join(home, 'identity', 'demo-accounts.json'), 'utf8')) as {
    accounts: TDemoAccount[];
  };
  const account = file.accounts.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`No demo account for ${role} in ${home}`);
  return account;
}

/** The authenticator-app code for `secret`, `stepsAhead` 30-second steps from now (the provider allows +1). */
export function totpCode(secret: string, stepsAhead = 0): string {
  return generateSync({
    secret,
    epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30,
    period: 30,
    digits: 6,
  });
}

/**
 * Signs in through the real local provider in the browser: LANDING's sign-in, the provider's
 * password page, then its TOTP page with a code computed here. A code's time step can be used once
 * per account, so on "already used" the next step's code (accepted as drift) is tried, then the
 * next step is awaited.
 */
export async function signIn(page: Page, role: TE2eRole, options: { returnTo?: string; home?: string } = {}) {
  const account = demoAccount(role, options.home);
  const target = options.returnTo ?? `${systemUrl('landing')}/`;
  await page.goto(`${systemUrl('landing')}/signin?returnTo=${encodeURIComponent(target)}`);
  await page.getByTestId('signin-button').click();
  await fillProviderForms(page, account);
  await page.waitForURL((url) => url.href.startsWith(target.replace(/\/$/, '')), { timeout: 20_000 });
}

/** The provider's password and TOTP pages (also used for step-up sign-ins). */
export async function fillProviderForms(page: Page, account: TDemoAccount): Promise<void> {
  await expect(page.locator('#page-title')).toHaveText(/Sign in|Two-step verification/);
  if ((await page.locator('#page-title').textContent())?.includes('Sign in')) {
    await page.locator('#email').fill(account.email);
    await page.locator('#password').fill(account.password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  for (const stepsAhead of [0, 1, 2]) {
    await expect(page.locator('#page-title')).toHaveText('Two-step verification');
    if (stepsAhead === 2) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
    const providerOrigin = new URL(page.url()).origin;
    await page.locator('#code').fill(totpCode(account.totpSecret, stepsAhead === 2 ? 1 : stepsAhead));
    await page.getByRole('button', { name: 'Verify' }).click();
    // Either the provider sends the browser back to LANDING, or it shows the form error again.
    await expect
      .poll(
        async () =>
          new URL(page.url()).origin !== providerOrigin ||
          (await page
            .locator('#form-error')
            .isVisible()
            .catch(() => false)),
        { timeout: 15_000 },
      )
      .toBe(true);
    if (new URL(page.url()).origin !== providerOrigin) return;
  }
  throw new Error(`The provider refused every TOTP code for ${account.email}`);
}
