import { expect, test } from '@playwright/test';
import { SYSTEM_IDS } from '@lumenforge/config';
import { nextHealthEventFromAnotherApp } from '../shared/live-health';
import { screenshotPath } from '../shared/screenshots';

test('[LANDING][LIVE]: system cards show each system status, kept live by wissil.system.health from the other apps', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText('Live status')).toBeVisible({ timeout: 15_000 });
  for (const id of SYSTEM_IDS.filter((system) => system !== 'landing'))
    await expect(page.getByTestId(`status-${id}`)).toHaveText('Operational');

  // The page's own event stream carries another app's health report (published by that app, every 15 s).
  const event = await nextHealthEventFromAnotherApp(page);
  expect(event.subject).toBe('wissil.system.health');
  expect(SYSTEM_IDS).toContain(event.data.service);
  expect(event.data.status).toBe('ok');
  expect(event.data.checks).toHaveProperty('postgres');
  await page.screenshot({ path: screenshotPath('landing-live-status'), fullPage: true });
});
