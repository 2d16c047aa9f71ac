import 'server-only';
import { DbNotFoundError } from '@lumenforge/db';
import {
  createEngineClient,
  EngineRequestError,
  EngineUnavailableError,
  resolveEngineSecret,
  type TEngineClient,
} from '@lumenforge/ignis-engine/client';
import { isWorkspaceError } from '@lumenforge/ignis-workspace';
import { getEnv } from '../../../../env';
import { getRuntime } from '../../../../runtime';

/** The engine's control API with the engine secret; 503 (EngineUnavailableError) when it cannot be reached. */
export async function engineClient(): Promise<TEngineClient> {
  const env = getEnv();
  const secret = await resolveEngineSecret(env);
  if (!secret)
    throw new EngineUnavailableError(new Error('no engine secret configured (IGNIS_ENGINE_SECRET)'));
  return createEngineClient({ url: env.IGNIS_ENGINE_URL, secret });
}

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * IGNIS's own refusals as answers with a message: path/size/conflict errors of the workspace
 * (400/404/409/413), the engine's refusals (its 4xx and 429 pass through), and the engine being
 * down (503). Anything else is rethrown for apiRoute's errorResponse.
 */
export async function withIgnisErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (isWorkspaceError(error))
      return json(error.status, { error: error.code.toLowerCase(), message: error.message });
    if (error instanceof EngineUnavailableError)
      return json(503, { error: 'engine_unavailable', message: error.message }, { 'Retry-After': '5' });
    if (error instanceof EngineRequestError) {
      const status = error.status >= 500 ? 502 : error.status;
      return json(status, {
        error: status === 429 ? 'too_many_sessions' : 'engine_refused',
        message: error.message,
      });
    }
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project if it exists in `workspaceId`; otherwise 404 (another workspace's project is not revealed). */
export async function requireProject(workspaceId: string, projectId: string) {
  const project = UUID.test(projectId)
    ? await getRuntime().db.project.findFirst({
        where: { id: projectId, workspaceId },
        select: { id: true, name: true, slug: true, workspaceId: true },
      })
    : null;
  if (!project) throw new DbNotFoundError('This project does not exist in your workspace.');
  return project;
}
