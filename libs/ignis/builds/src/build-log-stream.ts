import pg from 'pg';
import { formatServerSentEvent } from '@lumenforge/event-bus/server';
import { BUILD_LOG_CHANNEL, type BuildRepository } from './build.repository';
import type { TBuildView } from './build.schema';

export type TBuildLogWatch = {
  /** How many notifications arrived for the build since the watch started. */
  seen: () => number;
  /** Resolves once more than `since` notifications arrived, after `timeoutMs`, or when `signal` aborts. */
  next: (since: number, timeoutMs: number, signal: AbortSignal) => Promise<void>;
  close: () => void;
};

export type TBuildLogNotifications = {
  /**
   * Starts counting the build's notifications (after the LISTEN connection is up, where it can be):
   * read `seen()` BEFORE reading the log, then `next(seen)` — a NOTIFY that arrives in between is not lost.
   */
  watch: (buildId: string) => Promise<TBuildLogWatch>;
  close: () => Promise<void>;
};

type TWatcher = { count: number; wake: Set<() => void> };

/**
 * One LISTEN connection on `ignis_build_log` shared by every log stream of a process (one per browser
 * tab would exhaust the database's connections). Connects on first use and again after a failure;
 * while it is down, waiters time out and the streams poll.
 */
export function createBuildLogNotifications(
  databaseUrl: string,
  reportError: (message: string) => void,
): TBuildLogNotifications {
  const watchers = new Map<string, Set<TWatcher>>();
  let client: Promise<pg.Client> | undefined;
  const connect = () => {
    client ??= (async () => {
      const connection = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
      connection.on('notification', (message) => {
        for (const watcher of watchers.get(message.payload ?? '') ?? []) {
          watcher.count += 1;
          for (const wake of [...watcher.wake]) wake();
        }
      });
      connection.on('error', (error) => {
        reportError(`build log: listen connection lost (${error.message}); reconnecting`);
        client = undefined;
      });
      await connection.connect();
      await connection.query(`LISTEN ${BUILD_LOG_CHANNEL}`);
      return connection;
    })().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  return {
    watch: async (buildId) => {
      await connect().catch(() => undefined);
      const watcher: TWatcher = { count: 0, wake: new Set() };
      const set = watchers.get(buildId) ?? new Set<TWatcher>();
      set.add(watcher);
      watchers.set(buildId, set);
      return {
        seen: () => watcher.count,
        next: async (since, timeoutMs, signal) => {
          if (watcher.count > since || signal.aborted) return;
          if (!client) await connect().catch(() => undefined);
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal.removeEventListener('abort', done);
              watcher.wake.delete(done);
              resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            signal.addEventListener('abort', done, { once: true });
            watcher.wake.add(done);
          });
        },
        close: () => {
          set.delete(watcher);
          if (set.size === 0) watchers.delete(buildId);
        },
      };
    },
    close: async () => {
      const current = client;
      client = undefined;
      if (current) await (await current.catch(() => null))?.end().catch(() => undefined);
    },
  };
}

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);
const encoder = new TextEncoder();

/**
 * `GET /api/builds/:id/log` as Server-Sent Events: `event: build` frames with the build (status,
 * stages, metrics) whenever it changes, and `event: log` frames per batch of log lines with the last
 * line's id as the SSE id, so a reconnecting EventSource (`Last-Event-ID`) resumes after it. The
 * stream ends with `event: end` once the build is final and every line was sent.
 */
export function buildLogStreamResponse(options: {
  repo: BuildRepository;
  notifications: TBuildLogNotifications;
  build: TBuildView;
  request: Request;
  pollMs?: number;
  heartbeatMs?: number;
}): Response {
  const { repo, notifications, request } = options;
  const buildId = options.build.id;
  const lastEventId =
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  let after = /^\d+$/.test(lastEventId ?? '') ? BigInt(lastEventId as string) : 0n;
  const controller = new AbortController();
  request.signal.addEventListener('abort', () => controller.abort(), { once: true });
  let heartbeat: NodeJS.Timeout | undefined;

  const stream = new ReadableStream<Uint8Array>({
    start: (sink) => {
      const send = (text: string) => {
        if (!controller.signal.aborted) sink.enqueue(encoder.encode(text));
      };
      send('retry: 2000\n: connected\n\n');
      heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
      void (async () => {
        let lastState = '';
        const watch = await notifications.watch(buildId);
        try {
          while (!controller.signal.aborted) {
            const seen = watch.seen();
            const build = await repo.get(buildId);
            if (!build) break;
            const state = JSON.stringify([
              build.status,
              build.stages,
              build.metrics !== null,
              build.cancelRequestedAt,
            ]);
            if (state !== lastState) {
              lastState = state;
              send(formatServerSentEvent({ id: after.toString(), event: 'build', data: build }));
            }
            for (;;) {
              const lines = await repo.logLines(buildId, after, 500);
              if (lines.length === 0) break;
              after = BigInt(lines[lines.length - 1]?.id ?? after.toString());
              send(formatServerSentEvent({ id: after.toString(), event: 'log', data: lines }));
              if (lines.length < 500) break;
            }
            if (FINAL.has(build.status)) {
              send(
                formatServerSentEvent({ id: after.toString(), event: 'end', data: { status: build.status } }),
              );
              break;
            }
            await watch.next(seen, options.pollMs ?? 5_000, controller.signal);
          }
        } catch (error) {
          send(
            formatServerSentEvent({
              id: after.toString(),
              event: 'error',
              data: { message: error instanceof Error ? error.message : String(error) },
            }),
          );
        } finally {
          watch.close();
          clearInterval(heartbeat);
          if (!controller.signal.aborted) sink.close();
        }
      })();
    },
    cancel: () => {
      controller.abort();
      clearInterval(heartbeat);
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
