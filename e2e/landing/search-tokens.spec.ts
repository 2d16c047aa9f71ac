import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';

test('[SEARCH]: a token path found from LANDING opens SLATE’s explorer filtered to it', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('fg muted');
  const hit = page.getByTestId('search-result').filter({ hasText: 'color.fg-muted' });
  await expect(hit).toHaveAttribute('data-kind', 'token');
  await hit.click();
  await expect(page).toHaveURL(`${systemUrl('slate')}/?q=color.fg-muted`);
  await expect(page.getByTestId('token-color.fg-muted')).toBeVisible();
  await expect(page.getByTestId('token-color.fg')).toHaveCount(0);
});
