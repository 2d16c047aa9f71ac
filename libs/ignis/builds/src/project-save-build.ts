import type { TDb } from '@lumenforge/db/server';
import { insertBuild } from './build.repository';

export type TProjectSave = {
  workspaceId: string;
  projectId: string;
  /** The tree's revision after the save (`computeTreeRevision` of @lumenforge/ignis-workspace). */
  revision: string;
  actorId?: string | null;
};

/**
 * A save (or push) of a project's files → its build, coalesced: while a build of the project is queued
 * and not started, later saves join it (it builds the tree as it is when a worker takes it) and a
 * save-caused build moves its cause to the newest revision. A save while a build runs queues one more.
 * Call it in the save's transaction, after the project row is locked (`ProjectFileRepository` does),
 * so concurrent saves of one project cannot both insert.
 */
export async function queueProjectSaveBuild(
  tx: TDb,
  save: TProjectSave,
): Promise<{ buildId: string; coalesced: boolean }> {
  const queued = await tx.build.findFirst({
    where: { projectId: save.projectId, kind: 'project', status: 'queued', cancelRequestedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, causeKind: true },
  });
  if (queued) {
    if (queued.causeKind === 'save') {
      await tx.build.update({
        where: { id: queued.id },
        data: { causeRef: save.revision, requestedById: save.actorId ?? null },
      });
    }
    return { buildId: queued.id, coalesced: true };
  }
  const build = await insertBuild(tx, {
    workspaceId: save.workspaceId,
    kind: 'project',
    projectId: save.projectId,
    source: { kind: 'project', projectId: save.projectId },
    trigger: 'file_change',
    causeKind: 'save',
    causeRef: save.revision,
    requestedById: save.actorId ?? null,
  });
  return { buildId: build.id, coalesced: false };
}
