import 'server-only';
import { TOKEN_EXPORT_FORMATS, type TTokenExportFormat } from '@lumenforge/slate-data-access';
import { conditionalResponse, InvalidRequestError } from '@lumenforge/runtime/server';
import type { TTokenCategory } from '@lumenforge/tokens';
import { tokenService } from '../tokens';
import { resolvedParam, themeParam, tokenCacheControl, versionParam } from './token-query';

const CONTENT_TYPES: Record<Exclude<TTokenExportFormat, 'json'>, string> = {
  css: 'text/css; charset=utf-8',
  tailwind: 'text/css; charset=utf-8',
  ts: 'text/plain; charset=utf-8',
  dtcg: 'application/json; charset=utf-8',
};
const FILE_NAMES: Record<Exclude<TTokenExportFormat, 'json'>, (theme: string) => string> = {
  css: (theme) => `luminera.${theme}.css`,
  tailwind: () => 'luminera.theme.css',
  ts: () => 'luminera.tokens.ts',
  dtcg: () => 'luminera.tokens.json',
};

function formatParam(url: URL): TTokenExportFormat {
  const format = url.searchParams.get('format') ?? 'json';
  if (!(TOKEN_EXPORT_FORMATS as readonly string[]).includes(format))
    throw new InvalidRequestError(`Unknown format "${format}"`, [
      { path: 'format', message: `Expected one of ${TOKEN_EXPORT_FORMATS.join(', ')}` },
    ]);
  return format as TTokenExportFormat;
}

/**
 * `GET /api/tokens[/category]`: the token set (or one category) of a version in one theme, as JSON
 * entries (`format=json`, resolved or raw) or as an export file; with ETag and Cache-Control.
 */
export async function tokensResponse(
  request: Request,
  workspaceId: string,
  options: { category?: TTokenCategory; download?: boolean } = {},
): Promise<Response> {
  const url = new URL(request.url);
  const format = formatParam(url);
  const theme = themeParam(url);
  const version = versionParam(url);
  const cacheControl = tokenCacheControl(version);
  if (format === 'json') {
    const resolved = resolvedParam(url);
    const service = tokenService();
    const entries = await service.entries(workspaceId, {
      theme,
      resolved,
      ...(version !== undefined ? { version } : {}),
      ...(options.category ? { category: options.category } : {}),
    });
    const body = JSON.stringify({
      version: entries.version,
      theme,
      resolved,
      ...(options.category ? { category: options.category } : {}),
      tokens: entries.tokens,
    });
    return conditionalResponse(request, body, {
      contentType: 'application/json; charset=utf-8',
      cacheControl,
    });
  }
  const file = await tokenService().exportFile(workspaceId, {
    format,
    theme,
    ...(version !== undefined ? { version } : {}),
  });
  const headers: Record<string, string> = { 'X-Token-Version': String(file.version) };
  if (options.download)
    headers['Content-Disposition'] = `attachment; filename="${FILE_NAMES[format](theme)}"`;
  return conditionalResponse(request, file.body, {
    contentType: CONTENT_TYPES[format],
    cacheControl,
    headers,
  });
}
