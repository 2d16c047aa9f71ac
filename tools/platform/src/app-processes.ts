import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_IDS, SYSTEMS, type TSystemId } from '@lumenforge/config';
import { WORKSPACE_ROOT } from './env';
import { pipeLines, prefixer } from './log';

export type TAppMode = 'production' | 'development';

/** A started process the supervisor waits for: ready when `healthUrl` answers ok, or (no URL) when it stays up. */
export type TStartedProcess = { id: string; child: ChildProcess; healthUrl: string | null };

/** A process without a health endpoint (a queue worker) counts as ready once it stayed up this long. */
export const READY_WITHOUT_HEALTH_MS = 1_000;

export function standaloneServerPath(id: TSystemId): string {
  return join(WORKSPACE_ROOT, 'apps', id, '.next', 'standalone', 'apps', id, 'server.js');
}

/** Spawns one app: its standalone server in production mode, `next dev` in development. */
export function spawnApp(options: {
  id: TSystemId;
  mode: TAppMode;
  bindHost: string;
  env: Record<string, string | undefined>;
}): ChildProcess {
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
  return child;
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
    readonly lastProbes: ReadonlyMap<string, THealthProbe | null>,
  ) {
    const details = [...lastProbes].map(([id, probe]) => `  ${id}: ${JSON.stringify(probe)}`).join('\n');
    super(`Not healthy after ${Math.round(timeoutMs / 1000)} s:\n${details}`);
    this.name = 'HealthTimeoutError';
  }
}

/**
 * Waits until every process is ready: its health URL answers 200 with status "ok" (or, without
 * one, it stayed up for READY_WITHOUT_HEALTH_MS). Rejects early when a process exits, and at the
 * deadline with a {@link HealthTimeoutError}.
 */
export async function waitUntilHealthy(
  processes: readonly TStartedProcess[],
  timeoutMs: number,
): Promise<void> {
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  const pending = new Map(processes.map((started) => [started.id, started]));
  const lastProbe = new Map<string, THealthProbe>();
  while (pending.size > 0) {
    for (const started of pending.values()) {
      if (started.child.exitCode !== null || started.child.signalCode !== null) {
        throw new Error(
          `${started.id} exited (${started.child.exitCode ?? started.child.signalCode}) before it became healthy; see its log above.`,
        );
      }
    }
    await Promise.all(
      [...pending.values()].map(async (started) => {
        if (started.healthUrl === null) {
          if (Date.now() - startedAt >= READY_WITHOUT_HEALTH_MS) pending.delete(started.id);
          return;
        }
        const probe = await probeHealth(started.healthUrl);
        lastProbe.set(started.id, probe);
        if ('status' in probe && probe.status === 200 && probe.body?.status === 'ok')
          pending.delete(started.id);
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
