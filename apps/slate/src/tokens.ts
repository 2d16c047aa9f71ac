import 'server-only';
import { createTokenSetService, type TTokenSetService } from '@lumenforge/slate-data-access/server';
import { createRepositories } from '@lumenforge/db/server';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';
import { getRuntime } from './runtime';

const services = new WeakMap<TPlatformRuntime, TTokenSetService>();

/** SLATE's token set service over this process's runtime (database, cache, event bus). */
export function tokenService(): TTokenSetService {
  const runtime = getRuntime();
  let service = services.get(runtime);
  if (!service) {
    service = createTokenSetService({ db: runtime.db, cache: runtime.cache, bus: runtime.bus });
    services.set(runtime, service);
  }
  return service;
}

/**
 * Gives every workspace its token set at start: the default set becomes version 1.0.0, so every
 * app's theme comes from SLATE from the first page on. Retries while the database is unreachable.
 */
export async function ensureWorkspaceTokenSets(): Promise<void> {
  try {
    const workspaces = await createRepositories(getRuntime().db).workspaces.listWithCounts();
    for (const workspace of workspaces) await tokenService().ensure(workspace.id);
  } catch (error) {
    console.error(`[slate] token sets not ensured yet: ${String(error)}; retrying in 5 s`);
    setTimeout(() => void ensureWorkspaceTokenSets(), 5_000).unref();
  }
}
