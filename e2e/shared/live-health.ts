import type { Page } from '@playwright/test';

export type THealthEvent = {
  subject: string;
  data: { service: string; status: string; checks: Record<string, { status: string }> };
};

/**
 * Opens LANDING's live connection for the `health` topic in the page and resolves with the first
 * report published by another app (each app publishes one every 15 s).
 */
export function nextHealthEventFromAnotherApp(page: Page): Promise<THealthEvent> {
  return page.evaluate(
    () =>
      new Promise<THealthEvent>((resolve, reject) => {
        const source = new EventSource('/api/events?topics=health');
        const timer = setTimeout(() => reject(new Error('no health event from another app in 40 s')), 40_000);
        source.addEventListener('message', (message) => {
          const envelope = (JSON.parse(message.data as string) as { event: THealthEvent }).event;
          if (envelope.subject !== 'wissil.system.health') return;
          if (envelope.data.service === 'landing') return;
          clearTimeout(timer);
          source.close();
          resolve(envelope);
        });
      }),
  );
}
