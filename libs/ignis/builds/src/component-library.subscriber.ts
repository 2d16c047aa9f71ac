import type { TDbTransaction } from '@lumenforge/db/server';
import { COMPONENT_PUBLISHED, type TEventEnvelope } from '@lumenforge/events';
import { insertBuild } from './build.repository';

export const COMPONENT_LIBRARY_CONSUMER = 'ignis-builder.component-library';

/**
 * `wissil.component.published` → a build of the workspace's component library (the published
 * components and their stories as a static catalogue), caused by that component version. Runs in the
 * event's handler transaction, so a redelivered event queues no second build.
 */
export async function queueComponentLibraryBuild(
  tx: TDbTransaction,
  event: TEventEnvelope,
): Promise<string | null> {
  if (event.subject !== COMPONENT_PUBLISHED.subject || !event.workspaceId) return null;
  const data = COMPONENT_PUBLISHED.schema.parse(event.data);
  const build = await insertBuild(tx, {
    workspaceId: event.workspaceId,
    kind: 'component-library',
    source: { kind: 'component-library', workspaceId: event.workspaceId },
    componentId: data.componentId,
    trigger: 'component_published',
    causeKind: 'component',
    causeRef: `${data.componentId}@${data.version}`,
    requestedById: event.actor.type === 'user' ? event.actor.id : null,
  });
  return build.id;
}
