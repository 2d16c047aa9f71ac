import 'server-only';
import type { TAccountDeps, TAuditContext } from '@lumenforge/auth/server';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';

/** What the account service needs from LANDING's runtime. */
export function accountDeps(runtime: TPlatformRuntime): TAccountDeps {
  return { db: runtime.db, bus: runtime.bus, sessions: runtime.auth.sessions };
}

/** The audit fields of a request context (`apiRoute`'s `ip`, `userAgent`, `correlationId`). */
export function auditContext(context: {
  ip: string | null;
  userAgent: string | null;
  correlationId: string;
}): TAuditContext {
  return { ip: context.ip, userAgent: context.userAgent, correlationId: context.correlationId };
}
