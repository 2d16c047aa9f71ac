import type { Page } from '@playwright/test';

export type THealthEvent = {
  subject: string;
  data: { service: string; status: string; checks: Record<string, { status: string }> };
};

/**
 * Opens LANDING's health event stream in the page and resolves with the first report published
 * by another app (each app publishes one every 15 s).
 */
export function nextHealthEventFromAnotherApp(page: Page): Promise<THealthEvent> {
  return page.evaluate(
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
}
