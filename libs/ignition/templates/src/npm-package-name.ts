/**
 * npm's package name rules for new packages (the rules of `validate-npm-package-name`): lower case,
 * at most 214 characters, URL-safe, no leading `.` or `_`, no spaces around it, none of `~'!()*`,
 * not a Node.js core module or a reserved name, optionally `@scope/name`.
 */

export const MAX_PACKAGE_NAME_LENGTH = 214;

// Node.js core modules (`require('node:module').builtinModules`, without internals), kept as data
// so the check also runs in the browser (the wizard validates as you type).
const NODE_CORE_MODULES = new Set(
  (
    'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain ' +
    'events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl ' +
    'sea sqlite stream string_decoder sys test timers tls trace_events tty url util v8 vm wasi worker_threads zlib'
  ).split(' '),
);
const RESERVED_NAMES = new Set(['node_modules', 'favicon.ico']);
const SCOPED_NAME = /^@([^/]+)\/([^/]+)$/;

/** Every rule the name breaks, as sentences (empty when it is a valid name for a new package). */
export function npmPackageNameProblems(name: string): string[] {
  if (name.length === 0) return ['the name must not be empty'];
  const problems: string[] = [];
  if (name.trim() !== name) problems.push('the name must not start or end with spaces');
  if (name.startsWith('.')) problems.push('the name must not start with a period');
  if (name.startsWith('_')) problems.push('the name must not start with an underscore');
  if (name.length > MAX_PACKAGE_NAME_LENGTH) {
    problems.push(`the name must be at most ${MAX_PACKAGE_NAME_LENGTH} characters (it has ${name.length})`);
  }
  if (name.toLowerCase() !== name) problems.push('the name must be lower case');
  if (/[~'!()*]/.test(name)) problems.push(`the name must not contain any of ~'!()*`);
  if (RESERVED_NAMES.has(name)) problems.push(`"${name}" is a reserved name`);
  if (NODE_CORE_MODULES.has(name)) problems.push(`"${name}" is a Node.js core module`);
  const scoped = SCOPED_NAME.exec(name);
  const parts = scoped ? [scoped[1] ?? '', scoped[2] ?? ''] : [name];
  if (name.startsWith('@') && !scoped) problems.push('a scoped name has the form @scope/name');
  else if (parts.some((part) => encodeURIComponent(part) !== part)) {
    problems.push('the name may only contain URL-safe characters (letters, digits, - . _ and one @scope/)');
  }
  if (scoped && /^[._]/.test(scoped[2] ?? ''))
    problems.push('the name after the scope must not start with . or _');
  return problems;
}

/** Whether `name` may be published as a new npm package. */
export function isValidNpmPackageName(name: string): boolean {
  return npmPackageNameProblems(name).length === 0;
}

/** `@acme/web-app` → `{ scope: 'acme', unscopedName: 'web-app' }`. */
export function splitPackageName(name: string): { scope: string | null; unscopedName: string } {
  const scoped = SCOPED_NAME.exec(name);
  return scoped
    ? { scope: scoped[1] ?? null, unscopedName: scoped[2] ?? name }
    : { scope: null, unscopedName: name };
}
