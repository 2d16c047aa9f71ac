import 'server-only';
import { canUseSystem, type TPermission, type TPrincipal } from '@lumenforge/auth';
import { CARD_SYSTEMS, type TSystemCardsSummary } from '@lumenforge/landing-monitoring';
import { cachedSystemCards } from '@lumenforge/landing-monitoring/server';
import type { TPlatformRuntime } from '@lumenforge/runtime/server';
import { getRuntime } from '../../runtime';
import type { TVisibleLifecycle } from './system-card-types';

/** The summary's lifecycle with the systems these permissions may not use as null. */
export function lifecycleForPermissions(
  summary: TSystemCardsSummary,
  permissions: readonly TPermission[],
): TVisibleLifecycle {
  return Object.fromEntries(
    CARD_SYSTEMS.map((id) => [id, canUseSystem(permissions, id) ? summary.lifecycle[id] : null]),
  ) as TVisibleLifecycle;
}

/**
 * The workspace's lifecycle summary (cached a few seconds under `realtime:{workspace_id}:cards`),
 * with the systems the role may not use left out: their data is not the role's to read.
 */
export async function visibleLifecycle(
  principal: TPrincipal,
  runtime: Pick<TPlatformRuntime, 'db' | 'cache' | 'logger'> = getRuntime(),
): Promise<{
  generatedAt: string;
  lifecycle: TVisibleLifecycle;
}> {
  const summary: TSystemCardsSummary = await cachedSystemCards(
    {
      db: runtime.db,
      cache: runtime.cache,
      onError: (system, error) =>
        runtime.logger.error({ component: 'system-cards', system, err: error }, 'lifecycle loader failed'),
    },
    principal.workspaceId,
  );
  return {
    generatedAt: summary.generatedAt,
    lifecycle: lifecycleForPermissions(summary, principal.permissions),
  };
}
