import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_IDS, SYSTEMS, type TSystemId } from '@lumenforge/config';
import { WORKSPACE_ROOT } from './env';
import { pipeLines, prefixer } from './log';

export type TAppMode = 'production' | 'development';

export type TRunningApp = { id: TSystemId; port: number; child: ChildProcess };

export function standaloneServerPath(id: TSystemId): string {
  return join(WORKSPACE_ROOT, 'apps', id, '.next', 'standalone', 'apps', id, 'server.js');
}

/** Spawns one app: its standalone server in production mode, `next dev` in development. */
export function spawnApp(options: {
  id: TSystemId;
  mode: TAppMode;
  bindHost: string;
  env: Record<string, string | undefined>;
}): TRunningApp {
  const { port } = SYSTEMS[options.id];
  const appDir = join(WORKSPACE_ROOT, 'apps', options.id);
  const [command, args, cwd] =
    options.mode === 'production'
      ? [process.execPath, [standaloneServerPath(options.id)], appDir]
      : [
          process.execPath,
          [
            join(WORKSPACE_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'),
            'dev',
            '--port',
            String(port),
            '--hostname',
            options.bindHost,
          ],
          appDir,
        ];
  if (options.mode === 'production' && !existsSync(standaloneServerPath(options.id))) {
    throw new Error(`${options.id}: no production build at ${standaloneServerPath(options.id)}`);
  }
  const child = spawn(command, args, {
    cwd,
    env: {
      ...options.env,
      NODE_ENV: options.mode,
      PORT: String(port),
      // Next's standalone server binds to $HOSTNAME; shells often export it as the machine name.
      HOSTNAME: options.bindHost,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = prefixer(options.id, SYSTEM_IDS.indexOf(options.id));
  pipeLines(child.stdout, prefix);
  pipeLines(child.stderr, prefix, process.stderr);
  return { id: options.id, port, child };
}

export type THealthProbe = { status: number; body: { status?: string } | null } | { error: string };

export async function probeHealth(url: string, timeoutMs = 2_000): Promise<THealthProbe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as { status?: string } | null,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Thrown by {@link waitUntilHealthy} at its deadline: the last answer of each app that is not ready. */
export class HealthTimeoutError extends Error {
  constructor(
    timeoutMs: number,
    readonly lastProbes: ReadonlyMap<TSystemId, THealthProbe | null>,
  ) {
    const details = [...lastProbes].map(([id, probe]) => `  ${id}: ${JSON.stringify(probe)}`).join('\n');
    super(`Not healthy after ${Math.round(timeoutMs / 1000)} s:\n${details}`);
    this.name = 'HealthTimeoutError';
  }
}

/**
 * Waits until every app's /api/health answers 200 with status "ok". Rejects early when an app
 * exits, and at the deadline with a {@link HealthTimeoutError}.
 */
export async function waitUntilHealthy(
  apps: readonly TRunningApp[],
  host: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Map(apps.map((app) => [app.id, app]));
  const lastProbe = new Map<TSystemId, THealthProbe>();
  while (pending.size > 0) {
    for (const app of pending.values()) {
      if (app.child.exitCode !== null || app.child.signalCode !== null) {
        throw new Error(
          `${app.id} exited (${app.child.exitCode ?? app.child.signalCode}) before it became healthy; see its log above.`,
        );
      }
    }
    await Promise.all(
      [...pending.values()].map(async (app) => {
        const probe = await probeHealth(`http://${host}:${app.port}/api/health`);
        lastProbe.set(app.id, probe);
        if ('status' in probe && probe.status === 200 && probe.body?.status === 'ok') pending.delete(app.id);
      }),
    );
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      const probes = new Map([...pending.keys()].map((id) => [id, lastProbe.get(id) ?? null] as const));
      throw new HealthTimeoutError(timeoutMs, probes);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  }
}

/** SIGTERM, then SIGKILL if it is still running after the grace period; resolves once it exited. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise<void>((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
