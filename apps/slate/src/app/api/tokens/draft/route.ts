import { ZOperationsBodySchema, ZReplaceDraftSchema } from '@lumenforge/slate-data-access/server';
import { apiRoute, readJsonBody } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

const actorOf = (principal: { userId: string; name: string }) => ({
  userId: principal.userId,
  name: principal.name,
});
const noStore = { headers: { 'Cache-Control': 'no-store' } };

/** The draft with its issues, its diff against the published version and the proposed version. */
export const GET = apiRoute(
  getRuntime,
  { endpoint: 'tokens.draft', permission: 'tokens.read' },
  async (_request, { principal }) =>
    Response.json(await tokenService().draft(principal.workspaceId), noStore),
);

/** Edits: `{ operations: [{ op: 'set' | 'remove' | 'rename', … }], expectedUpdatedAt }`. 422 lists every problem. */
export const PATCH = apiRoute(
  getRuntime,
  { endpoint: 'tokens.draft.edit', permission: 'tokens.write' },
  async (request, context) => {
    const { principal } = context;
    const body = await readJsonBody(request, ZOperationsBodySchema);
    context.auditTarget('token_set', principal.workspaceId, {
      operations: body.operations.map((o) => `${o.op} ${o.path}`),
    });
    const draft = await tokenService().applyOperations(
      principal.workspaceId,
      body.operations,
      actorOf(principal),
      body.expectedUpdatedAt,
      context,
    );
    return Response.json(draft, noStore);
  },
);

/** Replaces the whole draft: `{ set: { base, themes }, expectedUpdatedAt }`. */
export const PUT = apiRoute(
  getRuntime,
  { endpoint: 'tokens.draft.replace', permission: 'tokens.write' },
  async (request, context) => {
    const { principal } = context;
    context.auditTarget('token_set', principal.workspaceId);
    const body = await readJsonBody(request, ZReplaceDraftSchema);
    const draft = await tokenService().replaceDraft(
      principal.workspaceId,
      body.set,
      actorOf(principal),
      body.expectedUpdatedAt,
      context,
    );
    return Response.json(draft, noStore);
  },
);

/** Discards the draft's changes (back to the latest published version). */
export const DELETE = apiRoute(
  getRuntime,
  { endpoint: 'tokens.draft.discard', permission: 'tokens.write' },
  async (_request, context) => {
    const { principal } = context;
    context.auditTarget('token_set', principal.workspaceId);
    const draft = await tokenService().discardDraft(principal.workspaceId, actorOf(principal), context);
    return Response.json(draft, noStore);
  },
);
