import 'server-only';
import { canUseSystem, type TPrincipal } from '@lumenforge/auth';
import { CARD_SYSTEMS, type TSystemCardsSummary } from '@lumenforge/landing-monitoring';
import { cachedSystemCards } from '@lumenforge/landing-monitoring/server';
import { getRuntime } from '../../runtime';
import type { TVisibleLifecycle } from './system-card-types';

/**
 * The workspace's lifecycle summary (cached a few seconds under `realtime:{workspace_id}:cards`),
 * with the systems the role may not use left out: their data is not the role's to read.
 */
export async function visibleLifecycle(principal: TPrincipal): Promise<{
  generatedAt: string;
  lifecycle: TVisibleLifecycle;
}> {
  const runtime = getRuntime();
  const summary: TSystemCardsSummary = await cachedSystemCards(
    {
      db: runtime.db,
      cache: runtime.cache,
      onError: (system, error) =>
        runtime.logger.error({ component: 'system-cards', system, err: error }, 'lifecycle loader failed'),
    },
    principal.workspaceId,
  );
  const lifecycle = Object.fromEntries(
    CARD_SYSTEMS.map((id) => [id, canUseSystem(principal.permissions, id) ? summary.lifecycle[id] : null]),
  ) as TVisibleLifecycle;
  return { generatedAt: summary.generatedAt, lifecycle };
}
