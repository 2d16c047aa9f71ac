import 'server-only';
import { DbNotFoundError } from '@lumenforge/db';
import {
  BuildRepository,
  createBuildLogNotifications,
  type TBuildLogNotifications,
  type TBuildView,
} from '@lumenforge/ignis-builds/store';
import { UnprocessableError } from '@lumenforge/runtime/server';
import { z } from 'zod';
import { getEnv } from '../../../../env';
import { getRuntime } from '../../../../runtime';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildRepository(): BuildRepository {
  return new BuildRepository(getRuntime().db);
}

const globalForBuilds = globalThis as typeof globalThis & {
  __ignisBuildLogNotifications?: TBuildLogNotifications;
};

/** One LISTEN connection per server process for every open build log stream. */
export function buildLogNotifications(): TBuildLogNotifications {
  globalForBuilds.__ignisBuildLogNotifications ??= createBuildLogNotifications(
    getEnv().DATABASE_URL,
    (message) => getRuntime().logger.error(message),
  );
  return globalForBuilds.__ignisBuildLogNotifications;
}

/** The build if it exists in `workspaceId`; otherwise 404 (another workspace's build is not revealed). */
export async function requireBuild(workspaceId: string, id: string): Promise<TBuildView> {
  const build = UUID.test(id) ? await buildRepository().get(id, workspaceId) : null;
  if (!build) throw new DbNotFoundError('This build does not exist in your workspace.');
  return build;
}

export const ZCreateBuildSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.uuid('projectId must be a UUID') }),
  z.object({
    kind: z.literal('component'),
    componentId: z.uuid('componentId must be a UUID'),
    version: z.int().positive().optional(),
  }),
  z.object({ kind: z.literal('component-library') }),
]);
export type TCreateBuild = z.infer<typeof ZCreateBuildSchema>;

/** Queues a build of something in the caller's workspace (404 for anything outside it). */
export async function queueBuild(
  input: TCreateBuild,
  workspaceId: string,
  userId: string | null,
): Promise<TBuildView> {
  const db = getRuntime().db;
  const repo = buildRepository();
  const common = {
    workspaceId,
    trigger: 'manual',
    causeKind: 'manual' as const,
    causeRef: userId,
    requestedById: userId,
  };
  if (input.kind === 'project') {
    const project = await db.project.findFirst({
      where: { id: input.projectId, workspaceId },
      select: { id: true },
    });
    if (!project) throw new DbNotFoundError('This project does not exist in your workspace.');
    return repo.create({
      ...common,
      kind: 'project',
      projectId: project.id,
      source: { kind: 'project', projectId: project.id },
    });
  }
  if (input.kind === 'component') {
    const component = await db.component.findFirst({
      where: { id: input.componentId, workspaceId },
      select: { id: true, latestVersion: true },
    });
    if (!component) throw new DbNotFoundError('This component does not exist in your workspace.');
    if (input.version !== undefined && input.version > component.latestVersion)
      throw new UnprocessableError(
        'no_such_version',
        `This component has no version ${input.version} (latest is ${component.latestVersion}).`,
      );
    return repo.create({
      ...common,
      kind: 'component',
      componentId: component.id,
      source: {
        kind: 'component',
        componentId: component.id,
        ...(input.version ? { version: input.version } : {}),
      },
    });
  }
  // The library build names the most recently published component as its target.
  const newest = await db.component.findFirst({
    where: { workspaceId, status: 'published' },
    orderBy: { updatedAt: 'desc' },
    select: { id: true },
  });
  if (!newest)
    throw new UnprocessableError(
      'nothing_published',
      'No component of this workspace is published yet: there is no library to build.',
    );
  return repo.create({
    ...common,
    kind: 'component-library',
    componentId: newest.id,
    source: { kind: 'component-library', workspaceId },
  });
}
