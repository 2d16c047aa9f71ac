import { apiRoute, InvalidRequestError } from '@lumenforge/runtime/server';
import { getRuntime } from '../../../../runtime';
import { tokenService } from '../../../../tokens';

export const dynamic = 'force-dynamic';

/** 5 MB of JSON is far beyond any real token set; larger bodies are refused before parsing. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Imports a DTCG JSON document (a `{ base, themes }` bundle, a single token file, or a resolver
 * document) as the new draft. 422 lists every problem; nothing is kept unless all of it is valid.
 */
export const POST = apiRoute(
  getRuntime,
  { endpoint: 'tokens.import', permission: 'tokens.write' },
  async (request, context) => {
    const { principal } = context;
    context.auditTarget('token_set', principal.workspaceId);
    const text = await request.text();
    if (text.trim() === '') throw new InvalidRequestError('The request body is empty; send the DTCG JSON');
    if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
      throw new InvalidRequestError(`The import is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    const draft = await tokenService().importDtcg(
      principal.workspaceId,
      text,
      { userId: principal.userId, name: principal.name },
      context,
    );
    return Response.json(draft, { headers: { 'Cache-Control': 'no-store' } });
  },
);
