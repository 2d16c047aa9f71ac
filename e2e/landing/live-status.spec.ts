import { expect, test } from '@playwright/test';
import { SYSTEM_IDS } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';

type THealthEvent = {
  subject: string;
  data: { service: string; status: string; checks: Record<string, unknown> };
};

test('[LANDING][LIVE]: system cards show each system status, kept live by wissil.system.health from the other apps', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText('Live status')).toBeVisible({ timeout: 15_000 });
  for (const id of SYSTEM_IDS.filter((system) => system !== 'landing'))
    await expect(page.getByTestId(`status-${id}`)).toHaveText('Operational');

  // The page's own event stream carries another app's health report (published by that app, every 15 s).
  const event = await page.evaluate(
    () =>
      new Promise<THealthEvent>((resolve, reject) => {
        const source = new EventSource('/api/events/health');
        const timer = setTimeout(() => reject(new Error('no health event from another app in 40 s')), 40_000);
        source.addEventListener('wissil.system.health', (message) => {
          const envelope = JSON.parse((message as MessageEvent<string>).data) as THealthEvent;
          if (envelope.data.service === 'landing') return;
          clearTimeout(timer);
          source.close();
          resolve(envelope);
        });
      }),
  );
  expect(event.subject).toBe('wissil.system.health');
  expect(SYSTEM_IDS).toContain(event.data.service);
  expect(event.data.status).toBe('ok');
  expect(event.data.checks).toHaveProperty('postgres');
  await page.screenshot({ path: screenshotPath('landing-live-status'), fullPage: true });
});
