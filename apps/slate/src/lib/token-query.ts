import 'server-only';
import { InvalidRequestError } from '@lumenforge/runtime/server';
import { THEME_NAMES, type TThemeName } from '@lumenforge/tokens';

/** `?theme=light|dark` (default light). */
export function themeParam(url: URL): TThemeName {
  const theme = url.searchParams.get('theme') ?? 'light';
  if (!(THEME_NAMES as readonly string[]).includes(theme))
    throw new InvalidRequestError(`Unknown theme "${theme}"`, [
      { path: 'theme', message: `Expected ${THEME_NAMES.join(' or ')}` },
    ]);
  return theme as TThemeName;
}

/** `?version=<n>|draft` (default: the latest published version). */
export function versionParam(url: URL, name = 'version'): number | 'draft' | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '' || raw === 'latest') return undefined;
  if (raw === 'draft') return 'draft';
  return versionNumber(raw, name);
}

export function versionNumber(raw: string, name = 'version'): number {
  const number = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(number) || number < 1)
    throw new InvalidRequestError(`"${raw}" is not a version`, [
      { path: name, message: 'Expected a version number (1, 2, …) or "draft"' },
    ]);
  return number;
}

/** `?resolved=true|false` (default true). */
export function resolvedParam(url: URL): boolean {
  const raw = url.searchParams.get('resolved');
  if (raw === null || raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new InvalidRequestError(`"${raw}" is not a boolean`, [
    { path: 'resolved', message: 'Expected true or false' },
  ]);
}

/**
 * How long a token answer may be reused: a numbered version never changes; "latest" is
 * revalidated by ETag (it changes on publish); the draft is never cached.
 */
export function tokenCacheControl(version: number | 'draft' | undefined): string {
  if (version === 'draft') return 'no-store';
  if (version === undefined) return 'private, no-cache';
  return 'private, max-age=31536000, immutable';
}
