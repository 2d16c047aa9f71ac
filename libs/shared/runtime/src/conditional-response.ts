import { createHash } from 'node:crypto';

/** A strong ETag of a body: the first 160 bits of its SHA-256, base64url. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * `body` with an ETag and `cacheControl`, or 304 Not Modified when the request's If-None-Match
 * already names that ETag (a list or `*` included).
 */
export function conditionalResponse(
  request: Request,
  body: string,
  options: { contentType: string; cacheControl: string; etag?: string; headers?: Record<string, string> },
): Response {
  const etag = options.etag ?? etagOf(body);
  const headers = {
    'Content-Type': options.contentType,
    'Cache-Control': options.cacheControl,
    ETag: etag,
    ...options.headers,
  };
  const ifNoneMatch = request.headers.get('if-none-match');
  const matches =
    ifNoneMatch !== null &&
    (ifNoneMatch.trim() === '*' ||
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));
  return matches ? new Response(null, { status: 304, headers }) : new Response(body, { headers });
}
