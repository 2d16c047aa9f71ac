// Programmatic access to the Prisma CLI for the start-up orchestrator, the Nx targets and the db
// lib's test databases. Every call runs the CLI with the offline fixes (README "Prisma offline"):
// prisma.config.ts (JS schema engine over adapter-pg), a preload that unrefs long timers and
// CHECKPOINT_DISABLE=1, so commands need no network and exit as soon as their work is done.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { currentEnv } from './env';

export { ensureDatabase } from './ensure-database';

/** Absolute path of the `prisma/` project (schema, migrations, config). */
export const PRISMA_PROJECT_DIR = resolve(import.meta.dirname, '..');
export const PRISMA_CONFIG_PATH = resolve(PRISMA_PROJECT_DIR, 'prisma.config.ts');
export const PRISMA_SCHEMA_PATH = resolve(PRISMA_PROJECT_DIR, 'schema.prisma');
export const PRISMA_MIGRATIONS_DIR = resolve(PRISMA_PROJECT_DIR, 'migrations');
const UNREF_TIMERS_PRELOAD = resolve(import.meta.dirname, 'unref-long-timers.cjs');

/**
 * `prisma generate` never connects, but Prisma 6 reads the schema's `env("DATABASE_URL")` while
 * deciding which engines it needs; without a value it assumes the Rust query engine and tries to
 * download it. Any well-formed URL avoids that.
 */
const PLACEHOLDER_DATABASE_URL = 'postgresql://placeholder@127.0.0.1:5432/placeholder';

export type TPrismaRunOptions = {
  /** The database the command works on (becomes DATABASE_URL for the CLI). */
  databaseUrl?: string;
  /** Print the CLI's output as it runs instead of capturing it (for terminals). Default false. */
  inheritStdio?: boolean;
  /** Kill the CLI and reject after this long. Default 120 s. */
  timeoutMs?: number;
  /** Extra environment for the CLI (merged over the current one). */
  env?: Record<string, string | undefined>;
};

export type TPrismaRunResult = { stdout: string; stderr: string; durationMs: number };

/** Raised when a Prisma command fails; `message` includes the CLI's stderr (or output tail). */
export class PrismaCommandError extends Error {
  constructor(
    message: string,
    readonly command: string,
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'PrismaCommandError';
  }
}

function prismaCliPath(): string {
  return createRequire(import.meta.url).resolve('prisma/build/index.js');
}

// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/** Lines every command prints to stderr; they only bury the real error. */
const NOISE = [
  /^Loaded Prisma config from /,
  /^Prisma config detected, skipping environment variable loading\.$/,
];

function withoutNoise(text: string): string {
  return text
    .split('\n')
    .filter((line) => !NOISE.some((pattern) => pattern.test(line.trim())))
    .join('\n')
    .trim();
}

function redact(text: string, databaseUrl: string | undefined): string {
  if (!databaseUrl) return text;
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password ? text.split(password).join('***') : text;
  } catch {
    return text;
  }
}

function describeTarget(databaseUrl: string | undefined): string {
  if (!databaseUrl) return '';
  try {
    const url = new URL(databaseUrl);
    return ` (database "${url.pathname.replace(/^\//, '')}" on ${url.hostname}:${url.port || 5432})`;
  } catch {
    return '';
  }
}

/** The environment a Prisma CLI process needs here: the config's DATABASE_URL and the offline fixes. */
export function prismaCliEnv(
  options: Pick<TPrismaRunOptions, 'databaseUrl' | 'env'> & { isGenerate?: boolean } = {},
): NodeJS.ProcessEnv {
  const base = { ...currentEnv(), ...options.env };
  const preload = `--require ${JSON.stringify(UNREF_TIMERS_PRELOAD)}`;
  const databaseUrl =
    options.databaseUrl || base.DATABASE_URL || (options.isGenerate ? PLACEHOLDER_DATABASE_URL : undefined);
  return {
    ...base,
    DATABASE_URL: databaseUrl,
    NODE_OPTIONS: [base.NODE_OPTIONS, preload].filter(Boolean).join(' '),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

/**
 * Runs `prisma <args>` with this project's config. Resolves with the captured output; rejects with
 * a {@link PrismaCommandError} naming the command, exit code and stderr.
 */
export function runPrisma(
  args: readonly string[],
  options: TPrismaRunOptions = {},
): Promise<TPrismaRunResult> {
  const command = `prisma ${args.join(' ')}`;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const startedAt = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [prismaCliPath(), ...args, '--config', PRISMA_CONFIG_PATH], {
      cwd: PRISMA_PROJECT_DIR,
      env: {
        ...prismaCliEnv({ ...options, isGenerate: args[0] === 'generate' }),
        // Captured output is parsed and put into error messages: no ANSI colours (Nx forces them on).
        ...(options.inheritStdio ? {} : { NO_COLOR: '1', FORCE_COLOR: '0' }),
      },
      stdio: options.inheritStdio ? ['inherit', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    timer.unref();
    const fail = (reason: string, exitCode: number | null) => {
      const detail = redact(
        withoutNoise(stderr) || withoutNoise(stdout).split('\n').slice(-15).join('\n'),
        options.databaseUrl,
      );
      const message = `${command} ${reason}${describeTarget(options.databaseUrl)}${detail ? `:\n${detail}` : ''}`;
      reject(new PrismaCommandError(message, command, exitCode, stdout, stderr));
    };
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(`could not start (${error.message})`, null);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      stdout = stripAnsi(stdout);
      stderr = stripAnsi(stderr);
      if (isTimedOut) return fail(`did not finish within ${timeoutMs} ms and was killed`, code);
      if (code !== 0) return fail(`failed with exit code ${code ?? signal}`, code);
      resolvePromise({ stdout, stderr, durationMs: Math.round(performance.now() - startedAt) });
    });
  });
}

export type TMigrateDeployResult = TPrismaRunResult & {
  /** Names of the migrations this run applied (empty when up to date, or with `inheritStdio`, which captures nothing). */
  appliedMigrations: string[];
};

/**
 * `prisma migrate deploy`: applies every pending migration in `prisma/migrations` to `databaseUrl`.
 * The database must exist (see {@link ensureDatabase}). About 1 s on a fresh database.
 */
export async function migrateDeploy(options: {
  databaseUrl: string;
  timeoutMs?: number;
  inheritStdio?: boolean;
}): Promise<TMigrateDeployResult> {
  if (!options.databaseUrl) throw new Error('migrateDeploy: databaseUrl is required');
  const result = await runPrisma(['migrate', 'deploy'], options);
  const appliedMigrations = [...result.stdout.matchAll(/└─ (\S+)\/\s*$/gm)].map((match) => match[1] ?? '');
  return { ...result, appliedMigrations: appliedMigrations.filter(Boolean) };
}

/**
 * `prisma generate`: writes the client to libs/shared/db/src/generated/prisma. Needs no database.
 */
export function generateClient(
  options: { timeoutMs?: number; inheritStdio?: boolean } = {},
): Promise<TPrismaRunResult> {
  return runPrisma(['generate'], options);
}
