import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, SYSTEMS, systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { demoAccount, fillProviderForms, signIn } from '../shared/sign-in';

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

test('[AUTH][LOGOUT]: sign-out ends the provider session too (password and second factor again), with five tabs open, and another app\'s open tab learns it live', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(150_000);
  await signIn(page, 'engineer');
  // Five LANDING tabs (the home page: health, activity, tokens and session topics) and a SLATE tab.
  const landingTabs = [page];
  for (let index = 1; index < 5; index += 1) {
    const tab = await context.newPage();
    await tab.goto(`${systemUrl('landing')}/`);
    landingTabs.push(tab);
  }
  const slate = await context.newPage();
  await slate.goto(`${systemUrl('slate')}/`);
  await expect(slate.getByTestId('user-role')).toHaveText('engineer');
  for (const tab of landingTabs) await expect(tab.getByTestId('user-role')).toHaveText('engineer');

  // Sign-out from a sixth LANDING tab still answers (it used to hang behind the tabs' streams).
  const signOutTab = await context.newPage();
  await signOutTab.goto(`${systemUrl('landing')}/`);
  const startedAt = Date.now();
  await signOutTab.getByTestId('user-menu').locator('summary').click();
  await signOutTab.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(signOutTab.getByTestId('signed-out')).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - startedAt, 'sign-out with six LANDING tabs open').toBeLessThan(10_000);
  // Back from the provider's end-session endpoint (RP-initiated logout) with its state.
  expect(signOutTab.url()).toBe(`${systemUrl('landing')}/signin?state=signed-out`);

  // The SLATE tab and the other LANDING tabs learn it live: "You signed out", then sign-in.
  await expect(slate.getByTestId('session-ended')).toBeVisible({ timeout: 10_000 });
  await expect(slate.getByTestId('session-ended')).toContainText('You signed out');
  const notice = await slate.screenshot({ path: screenshotPath('auth-signed-out-live') });
  await testInfo.attach('auth-signed-out-live', { body: notice, contentType: 'image/png' });
  await expect(slate).toHaveURL(/\/signin\?/, { timeout: 10_000 });
  for (const tab of landingTabs.slice(1)) await expect(tab).toHaveURL(/\/signin\?/, { timeout: 10_000 });

  // The provider's session ended too: single sign-on asks for the password and the second factor.
  await signOutTab.getByTestId('signin-button').click();
  await expect(signOutTab.locator('#page-title')).toHaveText('Sign in');
  await fillProviderForms(signOutTab, demoAccount('engineer'));
  await expect(signOutTab.getByTestId('user-role')).toHaveText('engineer');
});
