// The IGNIS engine process (`node --import tsx libs/ignis/engine/src/main.ts`), started and
// restarted by the platform runner: the preview origin and HMR WebSocket on IGNIS_HMR_PORT, the
// control API the ignis app calls, and token hot-reload from `wissil.tokens.updated`.
import { createDbClient } from '@lumenforge/db/server';
import { createRuntime } from '@lumenforge/runtime/server';
import type { TSubscription } from '@lumenforge/event-bus';
import { TOKENS_UPDATED } from '@lumenforge/events';
import { createEngine } from './engine';
import { ensureEngineSecret } from './engine-secret';
import { readEngineEnv, runtimeEnvSource } from './env';

const env = readEngineEnv();
const db = createDbClient(env.DATABASE_URL, { poolMax: 4, applicationName: 'ignis-engine' });
const runtime = createRuntime({
  service: 'ignis-engine',
  env: { ...runtimeEnvSource(), DATABASE_URL: env.DATABASE_URL },
  db,
});
const log = {
  info: (message: string) => runtime.logger.info(message),
  error: (message: string) => runtime.logger.error(message),
};
const engine = createEngine({
  home: env.LUMENFORGE_HOME,
  db,
  secret: await ensureEngineSecret(env.LUMENFORGE_HOME, env.IGNIS_ENGINE_SECRET),
  previewOrigin: env.IGNIS_PREVIEW_ORIGIN,
  maxSessions: env.IGNIS_MAX_SESSIONS,
  idleTimeoutMs: env.IGNIS_IDLE_TIMEOUT_SECONDS * 1000,
  logger: log,
});
const port = await engine.listen(env.IGNIS_HMR_PORT, env.IGNIS_BIND_HOST);
log.info(
  `IGNIS engine: previews at ${env.IGNIS_PREVIEW_ORIGIN}/p/<id>/ (listening on ${env.IGNIS_BIND_HOST}:${port})`,
);

// Every open preview of the workspace restyles through a CSS hot update (no reload). A database
// that is not reachable yet delays only this: previews are served meanwhile, and it is retried.
let subscription: TSubscription | undefined;
let retryTimer: NodeJS.Timeout | undefined;
const subscribeTokens = async (): Promise<void> => {
  try {
    subscription = await runtime.bus.subscribe({
      consumer: 'ignis-engine.tokens',
      subject: TOKENS_UPDATED.subject,
      handler: async (event) => {
        const restyled = await engine.applyTokens(event.workspaceId ?? null);
        if (restyled > 0)
          log.info(`tokens of workspace ${event.workspaceId ?? 'all'} → ${restyled} preview(s) restyled`);
      },
    });
  } catch (error) {
    log.error(
      `cannot subscribe to ${TOKENS_UPDATED.subject} (${(error as Error).message.split('\n').at(-1) ?? ''}); retrying in 10 s`,
    );
    retryTimer = setTimeout(() => void subscribeTokens(), 10_000);
  }
};
await subscribeTokens();

let isStopping = false;
const stop = async (signal: string) => {
  if (isStopping) return;
  isStopping = true;
  log.info(`${signal}: stopping the IGNIS engine and its sessions`);
  clearTimeout(retryTimer);
  await subscription?.close().catch(() => undefined);
  await engine.close();
  await runtime.close().catch(() => undefined);
  await db.$disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
