import 'server-only';
import type { TAccountDeps } from '@lumenforge/auth/server';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';

/** What the account service needs from LANDING's runtime. */
export function accountDeps(runtime: TPlatformRuntime): TAccountDeps {
  return { db: runtime.db, bus: runtime.bus, sessions: runtime.auth.sessions };
}
