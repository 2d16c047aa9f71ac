import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';

const SLATE = systemUrl('slate');
const LOCK_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'e2e', '.token-publish.lock');
const STALE_LOCK_MS = 60_000;

/**
 * Runs `work` while no other spec (in any worker) edits or publishes SLATE's tokens: the workspace
 * has one draft, and an edit made between another spec's load and save is refused (409) by design.
 * A directory is the lock (mkdir is atomic); one older than a minute is left from a crashed worker.
 */
export async function withTokenPublishLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK_DIR, { recursive: false });
      break;
    } catch {
      const held = await stat(LOCK_DIR).catch(() => null);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS)
        await rm(LOCK_DIR, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

export type TPublishedTokenVersion = { version: { number: number; semver: string } };

/**
 * Publishes a new token version through SLATE's API (from another app's spec): sets `system`'s
 * light accent to whichever of two palette steps is not published now, then publishes.
 */
export async function publishTokenVersionInSlate(
  request: APIRequestContext,
  options: { system: string; changelog: string },
): Promise<TPublishedTokenVersion> {
  const path = `color.accent.${options.system}.$root`;
  const candidates = [`{color.${options.system}.600}`, `{color.${options.system}.700}`];
  const headers = { Origin: SLATE };
  return withTokenPublishLock(async () => {
    const draft = await request.get(`${SLATE}/api/tokens/draft`);
    expect(draft.status(), await draft.text()).toBe(200);
    const { updatedAt } = (await draft.json()) as { updatedAt: string };
    const published = await request.get(`${SLATE}/api/tokens/colors?theme=light&resolved=false`);
    expect(published.status()).toBe(200);
    const { tokens } = (await published.json()) as { tokens: Array<{ path: string; value: unknown }> };
    const current = tokens.find((token) => token.path === path);
    expect(current, `${path} is published`).toBeDefined();
    const value = candidates.find((candidate) => !JSON.stringify(current?.value).includes(candidate));
    const edit = await request.patch(`${SLATE}/api/tokens/draft`, {
      headers,
      data: {
        operations: [{ op: 'set', path, theme: 'light', token: { $value: value ?? candidates[0] } }],
        expectedUpdatedAt: updatedAt,
      },
    });
    expect(edit.status(), await edit.text()).toBe(200);
    const publish = await request.post(`${SLATE}/api/tokens/publish`, {
      headers,
      data: { changelog: options.changelog },
    });
    expect(publish.status(), await publish.text()).toBe(201);
    return (await publish.json()) as TPublishedTokenVersion;
  });
}
