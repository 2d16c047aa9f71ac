// GET /api/builds — the workspace's builds, newest first (?limit=1..200, ?projectId=)
// POST /api/builds — queue a build: { kind: 'project', projectId } | { kind: 'component', componentId, version? }
//   | { kind: 'component-library' } → 201 { build }. The ignis-builder process picks it up.
import { apiRoute, InvalidRequestError, readJsonBody } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../runtime';
import { buildRepository, queueBuild, UUID, ZCreateBuildSchema } from './_lib/builds-api';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(
  getRuntime,
  { endpoint: 'builds.list', permission: 'builds.read' },
  async (request, { principal }) => {
    const params = new URL(request.url).searchParams;
    const limitParam = params.get('limit');
    const limit = limitParam === null ? 50 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new InvalidRequestError('limit must be an integer from 1 to 200', [
        { path: 'limit', message: 'from 1 to 200' },
      ]);
    const projectId = params.get('projectId') ?? undefined;
    if (projectId !== undefined && !UUID.test(projectId))
      throw new InvalidRequestError('projectId must be a UUID', [
        { path: 'projectId', message: 'must be a UUID' },
      ]);
    const builds = await buildRepository().list(principal.workspaceId, {
      limit,
      ...(projectId ? { projectId } : {}),
    });
    return Response.json({ builds }, { headers: { 'Cache-Control': 'no-store' } });
  },
);

export const POST = apiRoute(
  getRuntime,
  { endpoint: 'builds.create', permission: 'builds.run' },
  async (request, { principal, auditTarget }) => {
    const input = await readJsonBody(request, ZCreateBuildSchema);
    const build = await queueBuild(input, principal.workspaceId, principal.userId);
    auditTarget('build', build.id, { kind: build.kind });
    return Response.json(
      { build },
      { status: 201, headers: { 'Cache-Control': 'no-store', Location: `/api/builds/${build.id}` } },
    );
  },
);
