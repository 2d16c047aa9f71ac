// Argument parsing for `npm run ops -- <command> [options]`: node:util's parseArgs splits argv,
// then every option is checked here (an unknown option is an error, not silently ignored) so each
// mistake gets a one-line message naming the command. `--flag value` and `--flag=value` both work.
import { parseArgs as splitArgs, type ParseArgsConfig } from 'node:util';

export const COMMANDS = ['status', 'migrate', 'backup', 'restore', 'verify'] as const;
export type TCommand = (typeof COMMANDS)[number];
export type TBackupMethod = 'auto' | 'pg_dump' | 'builtin';

export type TParsedCommand =
  | { command: 'help' }
  | { command: 'status'; json: boolean; strict: boolean }
  | { command: 'migrate'; statusOnly: boolean }
  | { command: 'backup'; dir?: string; keepDays: number; method: TBackupMethod; rotate: boolean }
  | { command: 'restore'; archive: string; yes: boolean }
  | { command: 'verify'; report?: string; json: boolean };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const DEFAULT_KEEP_DAYS = 30;

export const USAGE = `Usage: npm run ops -- <command> [options]

  status                     every app's /api/health and every data service, with latency
      --json                 machine-readable output
      --strict               also exit 1 when a non-critical service (Redis, NATS, registry) is down
  migrate                    prisma migrate deploy, then the migration status
      --status-only          only print the status, apply nothing
  backup                     PostgreSQL (and REGISTRY_STORAGE_DIR) into timestamped archives
      --dir <path>           backup directory (default \${LUMENFORGE_HOME}/backups)
      --keep-days <n>        rotation: delete archives older than n days (default 30; never the newest)
      --method <m>           auto (default) | pg_dump | builtin
      --no-rotate            keep every archive
  restore <archive>          restore a PostgreSQL archive made by backup, then verify it
      --yes                  replace a database that has data
  verify                     end-to-end infrastructure checks (wissil-e2e-report format)
      --report <file.md>     write the Markdown report there
      --json                 print the results as JSON

Configuration comes from the environment: DATABASE_URL (unset: the embedded PostgreSQL of
npm start), DATABASE_REPLICA_URL, REDIS_URL / REDIS_SENTINELS, NATS_URL, NATS_MONITOR_URL,
REGISTRY_URL, REGISTRY_STORAGE_DIR, LUMENFORGE_HOME, LANDING_URL … WAYPOINT_URL.`;

type TOptionSpec = NonNullable<ParseArgsConfig['options']>;

const OPTIONS: Record<TCommand, TOptionSpec> = {
  status: { json: { type: 'boolean' }, strict: { type: 'boolean' } },
  migrate: { 'status-only': { type: 'boolean' } },
  backup: {
    dir: { type: 'string' },
    'keep-days': { type: 'string' },
    method: { type: 'string' },
    'no-rotate': { type: 'boolean' },
  },
  restore: { yes: { type: 'boolean' } },
  verify: { report: { type: 'string' }, json: { type: 'boolean' } },
};

function isCommand(value: string): value is TCommand {
  return (COMMANDS as readonly string[]).includes(value);
}

type TOptionValues = Record<string, string | boolean | undefined>;

/**
 * Options and positionals of one command. parseArgs runs non-strict, so its tokens can be checked
 * here: strict mode would refuse `--keep-days -1` as ambiguous and word its errors its own way.
 */
function parseOptions(
  command: TCommand,
  argv: readonly string[],
): { options: TOptionValues; positionals: string[] } {
  const spec = OPTIONS[command];
  const { values, positionals, tokens } = splitArgs({
    args: [...argv],
    options: spec,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const kind = Object.hasOwn(spec, token.name) ? spec[token.name]?.type : undefined;
    if (!kind) throw new UsageError(`${command}: unknown option ${token.rawName}`);
    if (kind === 'boolean') {
      if (token.inlineValue) throw new UsageError(`${command}: ${token.rawName} takes no value`);
      continue;
    }
    const { value } = token;
    if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--')))
      throw new UsageError(`${command}: ${token.rawName} needs a value`);
  }
  return { options: values, positionals };
}

function stringOption(options: TOptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

const isSet = (options: TOptionValues, name: string): boolean => options[name] === true;

function noPositionals(command: TCommand, positionals: readonly string[]): void {
  if (positionals.length > 0)
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[0])}`);
}

/** Parses `argv` (e.g. `['backup', '--dir', '/tmp/b']`). Throws `UsageError` with a one-line reason. */
export function parseArgs(argv: readonly string[]): TParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h')
    return { command: 'help' };
  if (!isCommand(first))
    throw new UsageError(`unknown command ${JSON.stringify(first)} (expected one of ${COMMANDS.join(', ')})`);
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' };
  const { options, positionals } = parseOptions(first, rest);
  switch (first) {
    case 'status':
      noPositionals(first, positionals);
      return { command: 'status', json: isSet(options, 'json'), strict: isSet(options, 'strict') };
    case 'migrate':
      noPositionals(first, positionals);
      return { command: 'migrate', statusOnly: isSet(options, 'status-only') };
    case 'backup': {
      noPositionals(first, positionals);
      const keepDaysText = stringOption(options, 'keep-days');
      const keepDays = keepDaysText === undefined ? DEFAULT_KEEP_DAYS : Number(keepDaysText);
      if (!Number.isFinite(keepDays) || keepDays < 0)
        throw new UsageError(
          `backup: --keep-days must be a number of days ≥ 0, got ${JSON.stringify(keepDaysText)}`,
        );
      const method = stringOption(options, 'method') ?? 'auto';
      if (method !== 'auto' && method !== 'pg_dump' && method !== 'builtin')
        throw new UsageError(
          `backup: --method must be auto, pg_dump or builtin, got ${JSON.stringify(method)}`,
        );
      const dir = stringOption(options, 'dir');
      return {
        command: 'backup',
        ...(dir === undefined ? {} : { dir }),
        keepDays,
        method,
        rotate: !isSet(options, 'no-rotate'),
      };
    }
    case 'restore': {
      const [archive, extra] = positionals;
      if (!archive) throw new UsageError('restore: name the archive to restore (restore <archive> [--yes])');
      if (extra !== undefined) throw new UsageError(`restore: unexpected argument ${JSON.stringify(extra)}`);
      return { command: 'restore', archive, yes: isSet(options, 'yes') };
    }
    case 'verify': {
      noPositionals(first, positionals);
      const report = stringOption(options, 'report');
      return { command: 'verify', ...(report === undefined ? {} : { report }), json: isSet(options, 'json') };
    }
  }
}
