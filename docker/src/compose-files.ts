// Reading the Compose files the way `docker compose` does before it validates them: YAML with
// anchors and merge keys (`<<`), then variable interpolation from docker/.env, then (for
// `-f compose.yaml -f compose.ha.yaml`) the Compose merge rules.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export const DOCKER_DIR = resolve(import.meta.dirname, '..');
export const REPO_ROOT = resolve(DOCKER_DIR, '..');

export type TYamlValue = string | number | boolean | null | TYamlValue[] | { [key: string]: TYamlValue };
export type TYamlMap = { [key: string]: TYamlValue };

/** YAML 1.1 merge keys on, as Compose parses. */
export function readYaml(path: string): TYamlMap {
  return parse(readFileSync(path, 'utf8'), { merge: true, maxAliasCount: -1 }) as TYamlMap;
}

/** `KEY=value` lines of a dotenv file (comments and blank lines skipped; no quotes needed here). */
export function readDotenv(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1] as string] = (match[2] as string).trim();
  }
  return env;
}

export class InterpolationError extends Error {}

const VARIABLE =
  /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/y;

/**
 * Compose interpolation of one string: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`.
 * Unset variables without a default become "" (Compose warns); `?` forms throw.
 */
export function interpolateString(text: string, env: Record<string, string | undefined>): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    const char = text[index];
    if (char !== '$') {
      out += char;
      index += 1;
      continue;
    }
    if (text[index + 1] === '$') {
      out += '$';
      index += 2;
      continue;
    }
    VARIABLE.lastIndex = index;
    const match = VARIABLE.exec(text);
    if (!match) throw new InterpolationError(`invalid interpolation format in "${text}"`);
    const name = (match[1] ?? match[4]) as string;
    const operator = match[2];
    const argument = interpolateString(match[3] ?? '', env);
    const value = env[name];
    const isSet = value !== undefined;
    const isSetNonEmpty = isSet && value !== '';
    switch (operator) {
      case ':-':
        out += isSetNonEmpty ? value : argument;
        break;
      case '-':
        out += isSet ? value : argument;
        break;
      case ':?':
        if (!isSetNonEmpty) throw new InterpolationError(`${name}: ${argument || 'required'}`);
        out += value;
        break;
      case '?':
        if (!isSet) throw new InterpolationError(`${name}: ${argument || 'required'}`);
        out += value;
        break;
      case ':+':
        out += isSetNonEmpty ? argument : '';
        break;
      case '+':
        out += isSet ? argument : '';
        break;
      default:
        out += value ?? '';
    }
    index = VARIABLE.lastIndex;
  }
  return out;
}

/** Interpolates every string value (not keys) of a parsed Compose file. */
export function interpolate<T extends TYamlValue>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === 'string') return interpolateString(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)])) as T;
  return value;
}

/** Names of every variable a file references (`$VAR`, `${VAR…}`), `$$` escapes excluded. */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  const pattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? match[2];
    if (name) names.add(name);
  }
  return names;
}

/** Variables used with `:?` / `?` (no default: the stack refuses to start without them). */
export function requiredVariables(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((match) => match[1] as string));
}

// ---- Compose merge rules (https://github.com/compose-spec/compose-spec/blob/main/13-merge.md) ----

const isMap = (value: unknown): value is TYamlMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sequences that an override replaces instead of extending. */
const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test']);
/** Sequences merged as sets (override entries appended when new). */
const UNION_SEQUENCES = new Set([
  'ports',
  'expose',
  'extra_hosts',
  'dns',
  'dns_search',
  'cap_add',
  'cap_drop',
  'security_opt',
  'external_links',
  'tmpfs',
  'profiles',
  'cache_from',
  'cache_to',
]);
/** Sequences a list form of which Compose normalises to a mapping before merging. */
const KEYED_LISTS = new Set(['environment', 'labels', 'args']);

function listToMap(list: TYamlValue[]): TYamlMap {
  return Object.fromEntries(
    list.map((item) => {
      const text = String(item);
      const at = text.indexOf('=');
      return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1)];
    }),
  );
}

/** Container path of a short or long volume entry, the key volumes are merged by. */
function volumeTarget(entry: TYamlValue): string {
  if (isMap(entry)) return String(entry['target']);
  const parts = String(entry).split(':');
  return parts.length === 1 ? (parts[0] as string) : (parts[1] as string);
}

function mergeValue(key: string, base: TYamlValue | undefined, override: TYamlValue): TYamlValue {
  if (base === undefined) return override;
  if (KEYED_LISTS.has(key)) {
    const left = Array.isArray(base) ? listToMap(base) : base;
    const right = Array.isArray(override) ? listToMap(override) : override;
    if (isMap(left) && isMap(right)) return { ...left, ...right };
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    if (REPLACED_SEQUENCES.has(key)) return override;
    if (key === 'volumes') {
      const merged = new Map(base.map((entry) => [volumeTarget(entry), entry]));
      for (const entry of override) merged.set(volumeTarget(entry), entry);
      return [...merged.values()];
    }
    if (UNION_SEQUENCES.has(key)) {
      const seen = new Set(base.map((entry) => JSON.stringify(entry)));
      return [...base, ...override.filter((entry) => !seen.has(JSON.stringify(entry)))];
    }
    return override;
  }
  if (isMap(base) && isMap(override)) return mergeMaps(base, override);
  return override;
}

function mergeMaps(base: TYamlMap, override: TYamlMap): TYamlMap {
  const merged: TYamlMap = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeValue(key, base[key], value);
  return merged;
}

/** `docker compose -f base -f override` for the fields these files use. */
export function mergeCompose(base: TYamlMap, override: TYamlMap): TYamlMap {
  return mergeMaps(base, override);
}
