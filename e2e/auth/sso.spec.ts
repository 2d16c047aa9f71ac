import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, SYSTEMS, systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { signIn } from '../shared/sign-in';

test.describe.configure({ mode: 'serial' });

test('[AUTH][SSO]: password + TOTP through the provider, all six apps with one sign-in, one sign-out refuses all six', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, 'engineer');
  await expect(page.getByTestId('user-role')).toHaveText('engineer');

  for (const id of SYSTEM_IDS) {
    await page.goto(`${systemUrl(id)}/`);
    await expect(page).toHaveURL(new RegExp(`^${systemUrl(id)}/`));
    await expect(page.getByTestId('user-role')).toHaveText('engineer');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  const me = await page.request.get(`${systemUrl('landing')}/api/auth/me`);
  expect(await me.json()).toMatchObject({ kind: 'session', role: 'engineer', mfa: true });

  await page.getByTestId('user-menu').locator('summary').click();
  const menu = await page.screenshot({ path: screenshotPath('auth-user-menu') });
  await testInfo.attach('auth-user-menu', { body: menu, contentType: 'image/png' });
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  const signedOut = await page.screenshot({ path: screenshotPath('auth-signed-out'), fullPage: true });
  await testInfo.attach('auth-signed-out', { body: signedOut, contentType: 'image/png' });

  for (const id of SYSTEM_IDS) {
    await page.goto(`${systemUrl(id)}/`);
    await expect(page, `${SYSTEMS[id].name} must refuse the ended session`).toHaveURL(
      `${systemUrl('landing')}/signin?returnTo=${encodeURIComponent(`${systemUrl(id)}/`)}`,
    );
    const api = await page.request.get(`${systemUrl(id)}/api/auth/me`);
    expect(api.status()).toBe(401);
  }
});

test('[AUTH][RETURN]: a page without a session goes to sign-in and comes back to where it was', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const target = `${systemUrl('slate')}/?view=colors`;
  await page.goto(target);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  const screenshot = await page.screenshot({ path: screenshotPath('auth-signin'), fullPage: true });
  await testInfo.attach('auth-signin', { body: screenshot, contentType: 'image/png' });
  await page.getByTestId('signin-button').click();
  await expect(page.locator('#page-title')).toHaveText('Sign in');
  const provider = await page.screenshot({ path: screenshotPath('auth-provider-password'), fullPage: true });
  await testInfo.attach('auth-provider-password', { body: provider, contentType: 'image/png' });
  const { fillProviderForms, demoAccount } = await import('../shared/sign-in');
  await fillProviderForms(page, demoAccount('designer'));
  await expect(page).toHaveURL(target);
  await expect(page.getByTestId('user-role')).toHaveText('designer');
});

test('[AUTH][PROVIDER]: a wrong password and a wrong code are refused with a form error', async ({
  page,
}) => {
  const { demoAccount } = await import('../shared/sign-in');
  const account = demoAccount('agent');
  await page.goto(`${systemUrl('landing')}/signin`);
  await page.getByTestId('signin-button').click();
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill('not-the-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#form-error')).toBeVisible();
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#form-error')).toBeVisible();
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'lf_session')).toBe(false);
});
