// semver ships no types and @types/semver is not installed; the reference carries the declaration into
// every program that compiles this file (the apps). Drop both once @types/semver is a dependency.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./types/semver.d.ts" />
import { getOrSet, type TCache } from '@lumenforge/cache';
import { maxSatisfying, validRange } from 'semver';

export const NPM_REGISTRY_URL = 'https://registry.npmjs.org';

/**
 * Licences a generated project may depend on without review: permissive ones. Anything else
 * (GPL, AGPL, SSPL, "UNLICENSED", none) is flagged in the wizard.
 */
export const ALLOWED_LICENSES: readonly string[] = [
  'MIT',
  'MIT-0',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Unlicense',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Python-2.0',
  'Zlib',
];
const ALLOWED = new Set(ALLOWED_LICENSES.map((license) => license.toLowerCase()));

/** What the wizard's dependency step shows for a package. */
export type TDependencyCheck = {
  name: string;
  exists: boolean;
  /** The newest published version in the range, null when none matches (or the package does not exist). */
  version: string | null;
  license: string | null;
  licenseAllowed: boolean;
  message?: string;
};

/** The registry did not answer (timeout, network, 5xx): the API answers 503 with the message. */
export class NpmRegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpmRegistryUnavailableError';
  }
}

/**
 * Whether an SPDX expression is allowed: every part of an AND, at least one side of an OR
 * (`(MIT OR GPL-3.0)` lets the user pick MIT).
 */
export function isLicenseAllowed(expression: string | null): boolean {
  if (!expression) return false;
  const text = expression.trim().replace(/^\((.*)\)$/, '$1');
  const alternatives = text.split(/\s+OR\s+/i);
  return alternatives.some((alternative) =>
    alternative
      .replace(/[()]/g, '')
      .split(/\s+AND\s+/i)
      .every((part) => ALLOWED.has(part.trim().replace(/\+$/, '').toLowerCase())),
  );
}

/** The licence as a string, whichever of npm's historical shapes the manifest uses. */
export function licenseOf(manifest: Record<string, unknown>): string | null {
  const { license, licenses } = manifest;
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string')
    return (license as { type: string }).type;
  if (Array.isArray(licenses)) {
    const types = licenses
      .map((entry) => (entry && typeof entry === 'object' ? (entry as { type?: unknown }).type : entry))
      .filter((type): type is string => typeof type === 'string');
    if (types.length > 0) return types.length === 1 ? (types[0] ?? null) : `(${types.join(' OR ')})`;
  }
  return null;
}

type TPackument = { versions: string[]; distTags: Record<string, string> } | null;

const CACHE_TTL_MS = 10 * 60_000;

/**
 * A small npm registry client for the wizard's dependency check: the abbreviated document of a
 * package (its versions and dist-tags) resolves the range, then the chosen version's manifest gives
 * the licence. Answers are cached (10 minutes); a registry that does not answer within `timeoutMs`
 * is {@link NpmRegistryUnavailableError}.
 */
export class NpmRegistryClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: { baseUrl?: string; timeoutMs?: number; cache?: TCache } = {}) {
    this.baseUrl = (options.baseUrl ?? NPM_REGISTRY_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Checks `name` at `range` (an npm range, a version or a dist-tag such as `latest`). */
  async check(name: string, range = 'latest'): Promise<TDependencyCheck> {
    const packument = await this.cached(`packument:${name}`, () => this.packument(name));
    if (!packument)
      return {
        name,
        exists: false,
        version: null,
        license: null,
        licenseAllowed: false,
        message: `${name} is not on the npm registry`,
      };
    const version =
      packument.distTags[range] ?? (validRange(range) ? maxSatisfying(packument.versions, range) : null);
    if (!version)
      return {
        name,
        exists: true,
        version: null,
        license: null,
        licenseAllowed: false,
        message: validRange(range)
          ? `No published version of ${name} matches ${range}`
          : `${range} is not a version, range or tag of ${name}`,
      };
    const license = await this.cached(`license:${name}@${version}`, () => this.license(name, version));
    const licenseAllowed = isLicenseAllowed(license);
    return {
      name,
      exists: true,
      version,
      license,
      licenseAllowed,
      ...(licenseAllowed
        ? {}
        : {
            message: license
              ? `${name}@${version} is licensed ${license}, which is not on the allowed list (${ALLOWED_LICENSES.join(', ')})`
              : `${name}@${version} declares no licence`,
          }),
    };
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const { cache } = this.options;
    if (!cache) return load();
    // Keyed by registry too: a test registry's answers must not leak into the real one's.
    return getOrSet(cache, `cache:npm:${this.baseUrl}:${key}`, load, { ttlMs: CACHE_TTL_MS });
  }

  private async packument(name: string): Promise<TPackument> {
    const body = await this.get(`/${encodeName(name)}`, 'application/vnd.npm.install-v1+json');
    if (!body) return null;
    return {
      versions: Object.keys((body['versions'] as Record<string, unknown> | undefined) ?? {}),
      distTags: (body['dist-tags'] as Record<string, string> | undefined) ?? {},
    };
  }

  private async license(name: string, version: string): Promise<string | null> {
    const body = await this.get(`/${encodeName(name)}/${encodeURIComponent(version)}`, 'application/json');
    return body ? licenseOf(body) : null;
  }

  /** A JSON document, or null for 404. */
  private async get(path: string, accept: string): Promise<Record<string, unknown> | null> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        headers: { accept },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
          ? `no answer within ${this.timeoutMs / 1000} s`
          : 'it cannot be reached';
      throw new NpmRegistryUnavailableError(`The npm registry is unavailable (${reason}); try again shortly`);
    }
    if (response.status === 404) return null;
    if (!response.ok)
      throw new NpmRegistryUnavailableError(
        `The npm registry is unavailable (it answered ${response.status}); try again shortly`,
      );
    try {
      return (await response.json()) as Record<string, unknown>;
    } catch {
      throw new NpmRegistryUnavailableError('The npm registry sent an unreadable answer; try again shortly');
    }
  }
}

/** `@scope/name` keeps its `@` and encodes the slash, as the registry expects. */
function encodeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}
