import { expect, test, type Page, type Request } from '@playwright/test';
import { LIVE_EVENTS_PATH } from '@lumenforge/config';
import { publishTokenVersionInSlate } from './slate-tokens';

const TABS = 5;
/**
 * What "promptly" means here: a request queued behind six held connections never answers (until a
 * tab closes); on a loaded two-core CI machine a cold page of a production build takes seconds.
 */
const PROMPT_MS = 15_000;

/** The live-connection Web Locks of this origin: one holder, the other tabs queued behind it. */
function liveLocks(page: Page): Promise<{ held: number; pending: number }> {
  return page.evaluate(async () => {
    const state = await navigator.locks.query();
    const live = (locks: LockInfo[] | undefined) =>
      (locks ?? []).filter((lock) => lock.name?.startsWith('lumenforge-live:')).length;
    return { held: live(state.held), pending: live(state.pending) };
  });
}

/** The newest token version a page's LiveTheme has loaded (0: none yet). */
function loadedTokenVersion(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      0,
      ...[...document.querySelectorAll('link[data-token-version]')].map((link) =>
        Number(link.getAttribute('data-token-version')),
      ),
    ),
  );
}

test('[SHARED][LIVE]: five tabs share one live connection; pages, /api/health and live events still answer', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Which tabs open live streams (only the one holding the lock may).
  const streamingTabs = new Set<Page>();
  context.on('request', (request: Request) => {
    if (new URL(request.url()).pathname !== LIVE_EVENTS_PATH) return;
    const tab = request.frame().page();
    streamingTabs.add(tab);
  });

  const tabs = [page];
  for (let index = 1; index < TABS; index += 1) tabs.push(await context.newPage());
  for (const tab of tabs) {
    await tab.goto('/');
    await expect(tab.getByTestId('user-role')).toBeVisible();
  }
  await expect.poll(() => liveLocks(page), { timeout: 15_000 }).toEqual({ held: 1, pending: TABS - 1 });
  // The first tab took the lock (granted in request order): it alone streams.
  expect([...streamingTabs]).toEqual([page]);

  // Another tab of the same origin: navigation and /api/health (the browser's own connection pool) answer.
  const other = await context.newPage();
  let startedAt = Date.now();
  await other.goto('/');
  await expect(other.getByTestId('user-role')).toBeVisible();
  expect(Date.now() - startedAt, `navigation with ${TABS} tabs open`).toBeLessThan(PROMPT_MS);
  startedAt = Date.now();
  const health = await other.evaluate(async () => (await fetch('/api/health?probe=live')).status);
  expect(health).toBe(200);
  expect(Date.now() - startedAt, `/api/health with ${TABS} tabs open`).toBeLessThan(PROMPT_MS);
  await other.close();

  // The tab holding the stream closes: another takes over, still one stream, and a live event
  // (SLATE publishes tokens: every app restyles) reaches every remaining tab.
  streamingTabs.clear();
  await page.close();
  const remaining = tabs.slice(1);
  await expect.poll(() => liveLocks(remaining[0] as Page), { timeout: 15_000 }).toEqual({
    held: 1,
    pending: TABS - 2,
  });
  await expect.poll(() => streamingTabs.size, { timeout: 15_000 }).toBe(1);
  const { version } = await publishTokenVersionInSlate(context.request, {
    system: 'slate',
    changelog: `Live connection e2e on ${baseURL ?? 'an app'}`,
  });
  for (const tab of remaining)
    await expect
      .poll(() => loadedTokenVersion(tab), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(version.number);
  expect(streamingTabs.size, 'one tab streams after the hand-over').toBe(1);
});
