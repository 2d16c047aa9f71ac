// LANDING under HTTP load: `npm run bench:landing` (options in the environment, see README).
// Three targets, measured in the same run by autocannon in a child process (the load comes from a
// second process, never from this one's event loop):
// - LANDING home `/`, signed in as the demo admin (a platform session created for the run, its
//   `lf_session` cookie on every request, revoked at the end);
// - LANDING `/api/health` (public, as a monitor calls it);
// - a bare Next.js page (tools/bench/bare-next), built with the repository's `next` and served from
//   its standalone server.js the way serve-standalone.mjs serves the apps: the floor.
// The platform on :3000 is used when it answers; otherwise one is started for the run
// (`bootstrap.mjs start`, its own LUMENFORGE_HOME) and stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, readFileSync, mkdirSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SESSION_COOKIE_NAME } from '@lumenforge/auth';
import { SYSTEMS } from '@lumenforge/config';
import { homeDatabaseUrl as embeddedDatabaseUrlOf } from '@lumenforge/platform/database-url';
import {
  autocannonArgs,
  failureOf,
  formatLoadTable,
  formatRatio,
  htmlText,
  isPlatformReadyLine,
  standaloneServerPath,
  summarizeAutocannon,
  type TLoadResult,
} from './http-load';
import { inheritedEnv, readLandingBenchEnv } from './landing.env';

const ROOT = resolve(import.meta.dirname, '../../..');
const BARE_DIR = join(ROOT, 'tools/bench/bare-next');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');
const LANDING_URL = `http://127.0.0.1:${SYSTEMS.landing.port}`;
const BENCH_HOME = join(ROOT, '.lumenforge/bench');
const PLATFORM_START_TIMEOUT_MS = 15 * 60_000;
const STOP_GRACE_MS = 90_000;

const env = readLandingBenchEnv();
/** Undone in reverse order at the end, also on failure and on Ctrl-C. */
const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];

const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** GET `url`: its status, or null when nothing answers within `timeoutMs`. */
async function probe(url: string, timeoutMs = 2_000): Promise<number | null> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then wait for the exit; SIGKILL after `graceMs`. */
async function stopChild(child: ChildProcess, name: string, graceMs: number): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    console.error(`  ${name} did not stop within ${graceMs / 1000} s: SIGKILL`);
    child.kill('SIGKILL');
  }, graceMs);
  await done;
  clearTimeout(timer);
}

/** Runs a command to its end; its output, and an error carrying the output when it fails. */
async function runToEnd(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; what: string },
): Promise<string> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolveExit([exitCode, exitSignal]));
  });
  if (code !== 0)
    throw new Error(
      `${options.what} failed (${code ?? signal}):\n${stdout.slice(-4000)}${stderr.slice(-4000)}`,
    );
  return stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Polls `url` until it answers 200; throws when `child` exits first or at the deadline. */
async function waitForOk(url: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited(child))
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if ((await probe(url)) === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${output()}`);
}

// ---------------------------------------------------------------------------------------------
// The platform

type TPlatform = { started: boolean; home: string | null };

async function ensurePlatform(): Promise<TPlatform> {
  if ((await probe(`${LANDING_URL}/api/health`)) !== null) {
    console.log(`Platform: already running (${LANDING_URL}/api/health answers); using it as it is.`);
    return { started: false, home: null };
  }
  mkdirSync(BENCH_HOME, { recursive: true });
  const logPath = join(BENCH_HOME, 'bench-platform.log');
  console.log(`Platform: not running; starting one (LUMENFORGE_HOME=${BENCH_HOME}, log ${logPath})…`);
  const startedAt = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'tools/platform/bootstrap.mjs'), 'start'], {
    cwd: ROOT,
    env: { ...inheritedEnv(), LUMENFORGE_HOME: BENCH_HOME, DATABASE_URL: '', REDIS_URL: '', NATS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: WriteStream = createWriteStream(logPath);
  cleanups.push({
    name: 'stop the platform',
    run: async () => {
      const stoppedAt = performance.now();
      await stopChild(child, 'the platform', STOP_GRACE_MS);
      log.end();
      console.log(`Platform stopped (${seconds(stoppedAt)}).`);
    },
  });
  const tail: string[] = [];
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the platform was not ready within ${PLATFORM_START_TIMEOUT_MS / 60_000} min`)),
      PLATFORM_START_TIMEOUT_MS,
    );
    const onLine = (line: string) => {
      log.write(`${line}\n`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (isPlatformReadyLine(line)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited (${code ?? signal}) before it was ready:\n${tail.join('\n')}`));
    });
  });
  console.log(`Platform ready in ${seconds(startedAt)}.`);
  return { started: true, home: BENCH_HOME };
}

// ---------------------------------------------------------------------------------------------
// The bare Next.js app

async function startBareNext(): Promise<string> {
  const builtAt = performance.now();
  console.log('Bare Next.js: building tools/bench/bare-next (next build, output: standalone)…');
  await runToEnd(process.execPath, [NEXT_BIN, 'build', BARE_DIR], {
    cwd: ROOT,
    env: { ...inheritedEnv(), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    what: 'next build tools/bench/bare-next',
  });
  const server = standaloneServerPath(ROOT, BARE_DIR);
  if (!existsSync(server)) throw new Error(`next build wrote no standalone server at ${server}`);
  // What tools/platform/standalone-assets.mjs does for the apps: the static chunks beside server.js.
  cpSync(join(BARE_DIR, '.next/static'), join(dirname(server), '.next/static'), { recursive: true });
  console.log(`Bare Next.js built in ${seconds(builtAt)}.`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // As serve-standalone.mjs: node server.js, production mode, PORT, HOSTNAME.
  const child = spawn(process.execPath, [server], {
    cwd: BARE_DIR,
    env: { ...inheritedEnv(), NODE_ENV: 'production', PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  cleanups.push({
    name: 'stop the bare Next.js server',
    run: () => stopChild(child, 'bare Next.js', 10_000),
  });
  await waitForOk(`${url}/`, child, 30_000, () => output);
  console.log(`Bare Next.js serving on ${url}.`);
  return url;
}

// ---------------------------------------------------------------------------------------------
// A signed-in session

/** The databases that may hold the platform's sessions, most likely first. */
function databaseCandidates(platform: TPlatform): string[] {
  if (platform.started && platform.home) return [homeDatabaseUrl(platform.home)].filter(isString);
  if (env.BENCH_DATABASE_URL) return [env.BENCH_DATABASE_URL];
  const homes = [env.LUMENFORGE_HOME, BENCH_HOME, join(ROOT, '.lumenforge')].filter(isString);
  return [...new Set(homes.map(homeDatabaseUrl).filter(isString))];
}

function isString(value: string | null | undefined): value is string {
  return typeof value === 'string';
}

function homeDatabaseUrl(home: string): string | null {
  return embeddedDatabaseUrlOf(resolve(home), env.LUMENFORGE_PG_PORT);
}

/** The last non-empty line of an error's message: Prisma puts the cause after the code excerpt. */
function lastLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .map((line) => line.trim())
      .findLast((line) => line.length > 0) ?? (error instanceof Error ? error.name : 'unknown error')
  );
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * The `Cookie` header of a platform session for the demo admin, created through the repositories
 * the apps use (as sign-in does), and checked: `/` answers 200 with the user's name, not a
 * redirect to sign-in.
 */
async function openSession(platform: TPlatform): Promise<string> {
  // Imported here: a platform started above has just generated the Prisma client they load.
  const [{ createDbClient, createRepositories }, { DEMO_USERS, DEMO_WORKSPACE }] = await Promise.all([
    import('@lumenforge/db/server'),
    import('@lumenforge/db/seed'),
  ]);
  const admin = DEMO_USERS.find((user) => user.role === 'admin');
  if (!admin) throw new Error('DEMO_USERS has no admin');
  const candidates = databaseCandidates(platform);
  if (candidates.length === 0)
    throw new Error(
      'No database for the session: set BENCH_DATABASE_URL (or LUMENFORGE_HOME) to the running platform’s.',
    );
  const refusals: string[] = [];
  for (const databaseUrl of candidates) {
    const db = createDbClient(databaseUrl, { poolMax: 2, applicationName: 'lumenforge-bench' });
    let revoke = () => db.$disconnect();
    try {
      const repos = createRepositories(db);
      const { workspace } = await repos.workspaces.ensureBySlug(DEMO_WORKSPACE);
      const { user } = await repos.users.ensureByEmail({ email: admin.email, name: admin.name });
      await repos.memberships.ensure({ userId: user.id, workspaceId: workspace.id, role: admin.role });
      const now = new Date();
      const { session, token } = await repos.sessions.create({
        userId: user.id,
        workspaceId: workspace.id,
        authTime: now,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 60 * 60_000),
        mfa: false,
        ip: '127.0.0.1',
        userAgent: 'lumenforge-bench (bench:landing)',
      });
      revoke = async () => {
        await repos.sessions.revoke(session.id);
        await db.$disconnect();
      };
      const cookie = `${SESSION_COOKIE_NAME}=${token}`;
      const response = await fetch(`${LANDING_URL}/`, { headers: { cookie }, redirect: 'manual' });
      const html = await response.text();
      if (response.status === 200 && html.includes(htmlText(user.name))) {
        cleanups.push({ name: 'revoke the session', run: revoke });
        console.log(
          `Session: ${user.email} in ${redact(databaseUrl)}; GET / answers 200 with "${user.name}".`,
        );
        return cookie;
      }
      const location = response.headers.get('location');
      refusals.push(
        `${redact(databaseUrl)}: GET / answered ${response.status}` +
          (location ? ` → ${location}` : response.status === 200 ? ` without "${user.name}"` : ''),
      );
    } catch (error) {
      refusals.push(`${redact(databaseUrl)}: ${lastLine(error)}`);
    }
    await revoke().catch(() => db.$disconnect().catch(() => undefined));
  }
  throw new Error(
    `No signed-in session works against ${LANDING_URL}:\n  ${refusals.join('\n  ')}\n` +
      'Is that platform’s database another one? Set BENCH_DATABASE_URL (or LUMENFORGE_HOME) to it.',
  );
}

// ---------------------------------------------------------------------------------------------
// Load

function autocannonBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('autocannon/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['autocannon'];
  if (!bin) throw new Error('autocannon/package.json names no bin');
  return join(dirname(manifestPath), bin);
}

async function measure(
  name: string,
  url: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<TLoadResult> {
  const bin = autocannonBin();
  const run = (durationSeconds: number) =>
    runToEnd(
      process.execPath,
      [bin, ...autocannonArgs({ url, connections: env.BENCH_CONNECTIONS, durationSeconds, headers })],
      { cwd: ROOT, env: inheritedEnv(), what: `autocannon ${name}` },
    );
  await run(env.BENCH_WARMUP_SECONDS);
  const result = summarizeAutocannon(name, await run(env.BENCH_DURATION_SECONDS));
  console.log(
    `  measured ${name}: ${Math.round(result.requestsPerSecond).toLocaleString('en-US')} req/s, p99 ${result.p99Ms} ms`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    if (!cleanup) break;
    await cleanup
      .run()
      .catch((error: unknown) => console.error(`Could not ${cleanup.name}: ${String(error)}`));
  }
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `LANDING under load vs a bare Next.js page: ${env.BENCH_CONNECTIONS} connections, pipelining 1, ` +
      `${env.BENCH_WARMUP_SECONDS} s warm-up + ${env.BENCH_DURATION_SECONDS} s measured per target (autocannon, a second process).`,
  );
  console.log(
    `Node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), load average ${loadAverage()}.`,
  );

  const platform = await ensurePlatform();
  const bareUrl = await startBareNext();
  const cookie = await openSession(platform);

  console.log(`\nLoad (load average before: ${loadAverage()}):`);
  const home = await measure('LANDING home / (signed in)', `${LANDING_URL}/`, { cookie });
  const health = await measure('LANDING /api/health', `${LANDING_URL}/api/health`);
  const bare = await measure('bare Next.js page /', `${bareUrl}/`);

  console.log(`\n${formatLoadTable(bare, [home, health, bare])}\n`);
  console.log(
    `LANDING home ÷ bare: req/s ${formatRatio(home.requestsPerSecond / bare.requestsPerSecond)}, ` +
      `p99 ${formatRatio(home.p99Ms / bare.p99Ms)}. ` +
      `/api/health ÷ bare: req/s ${formatRatio(health.requestsPerSecond / bare.requestsPerSecond)}, ` +
      `p99 ${formatRatio(health.p99Ms / bare.p99Ms)}.`,
  );
  console.log(
    `Load average after: ${loadAverage()}. ` +
      'The load generator, the servers and (for LANDING) the rest of the platform share these CPUs; ' +
      'latency percentiles are whole milliseconds (autocannon), the mean is finer.',
  );
  const failures = [home, health, bare].map(failureOf).filter(isString);
  if (failures.length > 0) {
    console.error(`\nNot a valid measurement: ${failures.join('; ')}.`);
    process.exitCode = 1;
  }
}

let isInterrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void runCleanups().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  if (!isInterrupted) await runCleanups();
}
