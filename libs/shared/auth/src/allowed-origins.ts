/** A URL, or null when `value` is not one. */
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * An entry of an `allowedOrigins` list as `URL.origin` writes it. Throws a TypeError for anything
 * but a bare http(s) origin: a misconfigured list must not silently widen or narrow.
 */
export function normalizeAllowedOrigin(origin: string): string {
  const url = parseUrl(origin);
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  )
    throw new TypeError(`allowedOrigins: "${origin}" is not an http(s) origin like https://example.com`);
  return url.origin;
}
