import { mkdirSync } from 'node:fs';
import { expect, test as setup } from '@playwright/test';
import { AUTH_STATE_DIR, ROLES, signIn, storageStateFor } from '../shared/sign-in';

// One signed-in browser state per role, for the specs that do not test sign-in itself.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    mkdirSync(AUTH_STATE_DIR, { recursive: true });
    await signIn(page, role);
    await expect(page.getByTestId('user-role')).toHaveText(role);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
