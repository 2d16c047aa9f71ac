import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, systemUrl, type TSystemId } from '@lumenforge/config';
import { ROLES, storageStateFor, type TE2eRole } from '../shared/sign-in';

/** The matrix of libs/shared/auth/src/permissions.ts, restated here so a change there must be deliberate. */
const USABLE: Record<TE2eRole, readonly TSystemId[]> = {
  designer: ['landing', 'slate', 'spark', 'ignis'],
  engineer: SYSTEM_IDS,
  admin: SYSTEM_IDS,
  agent: ['landing', 'slate', 'ignition', 'spark', 'ignis'],
};

for (const role of ROLES) {
  test.describe(`[AUTH][ROLES] ${role}`, () => {
    test.use({ storageState: storageStateFor(role) });

    test(`sees exactly the systems and admin links the matrix allows`, async ({ page }) => {
      test.slow(); // six apps' home pages in a row: close to 30 s on a loaded 2-core machine
      for (const id of SYSTEM_IDS) {
        const response = await page.goto(`${systemUrl(id)}/`);
        await expect(page.getByTestId('user-role')).toHaveText(role);
        if (USABLE[role].includes(id)) {
          expect(response?.status(), id).toBe(200);
          await expect(page.getByTestId('access-denied')).toHaveCount(0);
        } else {
          // A refused page says so in its status too (forbidden() → 403), not only in its body.
          expect(response?.status(), id).toBe(403);
          await expect(page.getByTestId('access-denied')).toContainText(`Your role (${role}) cannot use`);
        }
      }
      await page.getByTestId('user-menu').locator('summary').click();
      const adminLink = page.getByRole('link', { name: 'Administration' });
      if (role === 'admin') await expect(adminLink).toBeVisible();
      else await expect(adminLink).toHaveCount(0);
    });

    test(`sees on the home page which system cards are not available to the role`, async ({ page }) => {
      await page.goto(`${systemUrl('landing')}/`);
      for (const id of SYSTEM_IDS.filter((system) => system !== 'landing')) {
        const card = page.getByTestId(`card-${id}`);
        // Health is shown either way; an unavailable card is muted, says so and is not a link.
        await expect(page.getByTestId(`status-${id}`)).toBeVisible();
        if (USABLE[role].includes(id)) {
          await expect(card).toHaveAttribute('data-available', 'true');
          await expect(card.getByTestId(`card-unavailable-${id}`)).toHaveCount(0);
        } else {
          await expect(card).toHaveAttribute('data-available', 'false');
          await expect(card.getByTestId(`card-unavailable-${id}`)).toHaveText(`Not available to ${role}`);
          await expect(card.getByRole('link')).toHaveCount(0);
          await expect(card.getByTestId(`lifecycle-${id}`)).toHaveCount(0);
        }
      }
      if (role === 'designer')
        for (const id of ['ignition', 'waypoint'])
          await expect(page.getByTestId(`card-${id}`)).toHaveAttribute('data-available', 'false');
      if (role === 'admin') await expect(page.locator('[data-available="false"]')).toHaveCount(0);
    });

    test(`opens LANDING's admin pages only with their permission: 403 with the reason otherwise`, async ({
      page,
    }) => {
      const landing = systemUrl('landing');
      for (const [path, permission] of [
        ['/admin', 'users.manage'],
        ['/admin/users', 'users.manage'],
        ['/admin/audit', 'audit.read'],
      ] as const) {
        const response = await page.goto(`${landing}${path}`);
        if (role === 'admin') {
          expect(response?.status(), path).toBe(200);
          await expect(page.getByTestId('access-denied')).toHaveCount(0);
        } else {
          expect(response?.status(), path).toBe(403);
          const denied = page.getByTestId('access-denied');
          await expect(denied).toContainText('You don’t have access to this page');
          await expect(denied).toContainText(`(${permission}), which your role (${role}) does not have`);
        }
      }
      // A page every role may use still answers 200.
      expect((await page.goto(`${landing}/account`))?.status()).toBe(200);
    });

    test(`gets from the APIs exactly what the matrix allows`, async ({ page }) => {
      const landing = systemUrl('landing');
      const users = await page.request.get(`${landing}/api/admin/users`);
      expect(users.status()).toBe(role === 'admin' ? 200 : 403);
      const audit = await page.request.get(`${landing}/api/admin/audit`);
      expect(audit.status()).toBe(role === 'admin' ? 200 : 403);
      const me = (await (await page.request.get(`${landing}/api/auth/me`)).json()) as {
        permissions: string[];
      };
      expect(me.permissions.includes('deploy.production')).toBe(role === 'admin');
      expect(me.permissions.includes('tokens.write')).toBe(role === 'designer' || role === 'admin');
      expect(me.permissions.includes('builds.run')).toBe(role !== 'designer');
      // SLATE: every role reads tokens; only designers and admins may edit the draft.
      const slate = systemUrl('slate');
      expect((await page.request.get(`${slate}/api/tokens/versions`)).status()).toBe(200);
      const edit = await page.request.patch(`${slate}/api/tokens/draft`, {
        headers: { origin: slate },
        data: { operations: [] },
      });
      expect(edit.status()).toBe(role === 'designer' || role === 'admin' ? 400 : 403);
      // A scope beyond the role is refused; nothing is created.
      const created = await page.request.post(`${landing}/api/account/tokens`, {
        headers: { origin: landing },
        data: { name: 'too much', scopes: ['users.manage'], expiresInDays: 7 },
      });
      expect(created.status()).toBe(role === 'admin' ? 201 : 400);
    });
  });
}
