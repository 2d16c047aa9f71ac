import type { TPlatformRuntime } from '@lumenforge/runtime/server';
import { describe, expect, it } from 'vitest';
import { accountDeps } from './account-deps';

describe('accountDeps', () => {
  it('gives the account service the runtime’s database, event bus and session store', () => {
    const runtime = { db: { db: true }, bus: { bus: true }, auth: { sessions: { sessions: true } } };
    expect(accountDeps(runtime as unknown as TPlatformRuntime)).toEqual({
      db: runtime.db,
      bus: runtime.bus,
      sessions: runtime.auth.sessions,
    });
  });
});
