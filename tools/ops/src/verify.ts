// `ops verify`: the end-to-end infrastructure checks of wissil-e2e-report.md, adapted to what
// LumenForge runs. Every check resolves to pass, fail (with the reason) or skip (not configured
// here: never counted as passed).
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { SYSTEMS, IGNIS_HMR_PORT } from '@lumenforge/config';
import { createDbClient, type TDbTransaction } from '@lumenforge/db/server';
import type { TEventBus } from '@lumenforge/event-bus';
import { createNatsEventBus, createPostgresEventBus } from '@lumenforge/event-bus/server';
import { createEvent, SYSTEM_MAINTENANCE } from '@lumenforge/events';
import { EVENT_STREAM, EVENT_STREAM_SUBJECTS } from '@lumenforge/nats/server';
import { natsServers } from '@lumenforge/nats/env';
import type { TOpsEnv } from './env';
import {
  elapsed,
  errorMessage,
  fetchHealth,
  postgresVersion,
  tcpConnect,
  withNats,
  withPg,
  withRedis,
  withTimeout,
} from './probes';
import type { TCheck, TCategoryId } from './report';
import {
  appTargets,
  DatabaseNotFoundError,
  hostPort,
  identityTarget,
  isClusterMode,
  resolveDatabase,
  type TDatabaseTarget,
} from './targets';

type TCheckSpec = Omit<TCheck, 'status' | 'details' | 'latencyMs'>;

/** Runs `work`: its string is the pass detail; a throw is the failure reason. */
async function runCheck(spec: TCheckSpec, work: () => Promise<string>): Promise<TCheck> {
  const startedAt = performance.now();
  try {
    const details = await work();
    return { ...spec, status: 'pass', latencyMs: elapsed(startedAt), details };
  } catch (error) {
    return { ...spec, status: 'fail', latencyMs: elapsed(startedAt), details: errorMessage(error) };
  }
}

function skipped(spec: TCheckSpec, reason: string): TCheck {
  return { ...spec, status: 'skip', details: reason };
}

function endpoint(url: string, defaultPort: number): string {
  const { host, port } = hostPort(url, defaultPort);
  return `${host}:${port}`;
}

function defaultPortOf(url: string): number {
  return url.startsWith('https:') ? 443 : 80;
}

type TContext = { env: TOpsEnv; timeoutMs: number; database: TDatabaseTarget | Error };

function tcpCheck(
  context: TContext,
  category: TCategoryId,
  name: string,
  target: string,
  inventory: TCheck['inventory'],
) {
  const [host, port] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  return runCheck({ category, name, target, ...(inventory ? { inventory } : {}) }, async () => {
    await tcpConnect(host, port, context.timeoutMs);
    return 'TCP connect ok';
  });
}

async function connectivityChecks(context: TContext): Promise<TCheck[]> {
  const { env } = context;
  const checks: Array<Promise<TCheck>> = [];
  const category = 'connectivity';
  for (const app of appTargets(env)) {
    checks.push(
      tcpCheck(context, category, app.name, endpoint(app.url, defaultPortOf(app.url)), {
        protocol: app.url.startsWith('https:') ? 'HTTPS' : 'HTTP',
        purpose: SYSTEMS[app.id].tagline,
      }),
    );
  }
  const ignis = appTargets(env).find((app) => app.id === 'ignis');
  if (ignis && !env.LUMENFORGE_DOMAIN) {
    const host = hostPort(ignis.url, 80).host;
    const spec: TCheckSpec = {
      category,
      name: 'IGNIS HMR',
      target: `${host}:${IGNIS_HMR_PORT}`,
      inventory: { protocol: 'WS', purpose: 'Hot module reload of previews' },
    };
    checks.push(
      tcpConnect(host, IGNIS_HMR_PORT, context.timeoutMs).then(
        () => ({ ...spec, status: 'pass' as const, details: 'TCP connect ok' }),
        () => skipped(spec, 'not listening: the HMR socket is served by `npm run dev` only'),
      ),
    );
  }
  const identity = identityTarget(env);
  checks.push(
    tcpCheck(
      context,
      category,
      identity.local ? 'Identity (local OIDC)' : 'Identity (OIDC_ISSUER)',
      endpoint(identity.url, defaultPortOf(identity.url)),
      {
        protocol: identity.url.startsWith('https:') ? 'HTTPS' : 'HTTP',
        purpose: 'OpenID provider: single sign-on',
      },
    ),
  );
  const pgInventory = { protocol: 'TCP', purpose: 'Primary database' };
  if (context.database instanceof Error) {
    checks.push(
      Promise.resolve({
        category,
        name: 'PostgreSQL Primary',
        target: `127.0.0.1:${env.LUMENFORGE_PG_PORT}`,
        status: 'fail' as const,
        details: context.database.message,
        inventory: pgInventory,
      }),
    );
  } else {
    checks.push(
      tcpCheck(context, category, 'PostgreSQL Primary', endpoint(context.database.url, 5432), pgInventory),
    );
  }
  const replicaSpec = { protocol: 'TCP', purpose: 'Read replica (streaming)' };
  checks.push(
    env.DATABASE_REPLICA_URL
      ? tcpCheck(
          context,
          category,
          'PostgreSQL Replica',
          endpoint(env.DATABASE_REPLICA_URL, 5432),
          replicaSpec,
        )
      : Promise.resolve(
          skipped(
            { category, name: 'PostgreSQL Replica', target: '-', inventory: replicaSpec },
            'not configured (DATABASE_REPLICA_URL unset)',
          ),
        ),
  );
  const redisInventory = { protocol: 'TCP', purpose: 'Cache, sessions, rate limits' };
  if (env.REDIS_URL)
    checks.push(tcpCheck(context, category, 'Redis', endpoint(env.REDIS_URL, 6379), redisInventory));
  else if (env.REDIS_SENTINELS)
    for (const sentinel of env.REDIS_SENTINELS.split(',').map((entry) => entry.trim()))
      checks.push(
        tcpCheck(context, category, 'Redis Sentinel', sentinel, {
          protocol: 'TCP',
          purpose: 'Redis HA monitoring',
        }),
      );
  else
    checks.push(
      Promise.resolve(
        skipped(
          { category, name: 'Redis', target: '-', inventory: redisInventory },
          'not configured (REDIS_URL unset: single-node mode)',
        ),
      ),
    );
  const natsInventory = { protocol: 'TCP', purpose: 'Message bus (JetStream)' };
  const servers = natsServers(env);
  if (servers.length > 0)
    servers.forEach((server, index) =>
      checks.push(
        tcpCheck(
          context,
          category,
          servers.length > 1 ? `NATS ${index + 1}` : 'NATS',
          endpoint(server.replace(/^tls:/, 'nats:'), 4222),
          natsInventory,
        ),
      ),
    );
  else
    checks.push(
      Promise.resolve(
        skipped(
          { category, name: 'NATS', target: '-', inventory: natsInventory },
          'not configured (NATS_URL unset: events go through the PostgreSQL outbox)',
        ),
      ),
    );
  const monitorInventory = { protocol: 'HTTP', purpose: 'NATS monitoring' };
  checks.push(
    env.NATS_MONITOR_URL
      ? tcpCheck(context, category, 'NATS Monitoring', endpoint(env.NATS_MONITOR_URL, 8222), monitorInventory)
      : Promise.resolve(
          skipped(
            { category, name: 'NATS Monitoring', target: '-', inventory: monitorInventory },
            'not configured (NATS_MONITOR_URL unset)',
          ),
        ),
  );
  const registryInventory = {
    protocol: env.REGISTRY_URL?.startsWith('https:') ? 'HTTPS' : 'HTTP',
    purpose: 'OCI images',
  };
  checks.push(
    env.REGISTRY_URL
      ? tcpCheck(
          context,
          category,
          'Container Registry',
          endpoint(env.REGISTRY_URL, defaultPortOf(env.REGISTRY_URL)),
          registryInventory,
        )
      : Promise.resolve(
          skipped(
            { category, name: 'Container Registry', target: '-', inventory: registryInventory },
            'not configured (REGISTRY_URL unset)',
          ),
        ),
  );
  return Promise.all(checks);
}

async function dataServiceChecks(context: TContext): Promise<TCheck[]> {
  const { env, timeoutMs, database } = context;
  const category = 'data';
  const checks: Array<Promise<TCheck>> = [];
  const pgTarget =
    database instanceof Error ? `127.0.0.1:${env.LUMENFORGE_PG_PORT}` : endpoint(database.url, 5432);
  const withDatabase = (work: (url: string) => Promise<string>) => async () => {
    if (database instanceof Error) throw database;
    return work(database.url);
  };
  checks.push(
    runCheck(
      { category, name: 'PostgreSQL query', target: pgTarget },
      withDatabase((url) =>
        withPg(url, timeoutMs, async (client) => {
          const { version } = await postgresVersion(client);
          const result = await client.query<{ database: string }>('SELECT current_database() AS database');
          return `PostgreSQL ${version}, database "${result.rows[0]?.database ?? '?'}"`;
        }),
      ),
    ),
  );
  checks.push(
    runCheck(
      { category, name: 'PostgreSQL write/read/delete', target: pgTarget },
      withDatabase((url) =>
        withPg(url, timeoutMs, async (client) => {
          // A temporary table: private to this session, gone when it ends, no trace in the schema.
          await client.query(
            'CREATE TEMP TABLE lf_ops_verify (id uuid PRIMARY KEY, payload jsonb NOT NULL, at timestamptz(3) NOT NULL)',
          );
          const id = randomUUID();
          const at = new Date().toISOString();
          await client.query('INSERT INTO lf_ops_verify VALUES ($1, $2, $3)', [
            id,
            JSON.stringify({ probe: 'ops verify' }),
            at,
          ]);
          const read = await client.query<{ payload: string; at: string }>(
            `SELECT payload::text AS payload, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM lf_ops_verify WHERE id = $1`,
            [id],
          );
          if (read.rows[0]?.at !== at || JSON.parse(read.rows[0]?.payload ?? 'null')?.probe !== 'ops verify')
            throw new Error(`read back ${JSON.stringify(read.rows[0])}, wrote ${at}`);
          const deleted = await client.query('DELETE FROM lf_ops_verify WHERE id = $1', [id]);
          if (deleted.rowCount !== 1) throw new Error(`DELETE removed ${deleted.rowCount} rows`);
          await client.query('DROP TABLE lf_ops_verify');
          return 'temp table: insert, read back, delete ok';
        }),
      ),
    ),
  );
  const redisSpec = {
    category,
    name: 'Redis SET/GET/DEL',
    target: env.REDIS_URL ? endpoint(env.REDIS_URL, 6379) : (env.REDIS_SENTINELS ?? '-'),
  } as const;
  checks.push(
    env.REDIS_URL || env.REDIS_SENTINELS
      ? runCheck(redisSpec, () =>
          withRedis(env, timeoutMs, async (redis) => {
            const key = `lumenforge:ops:verify:${randomUUID()}`;
            const value = randomUUID();
            await redis.set(key, value, 'PX', 60_000);
            const read = await redis.get(key);
            if (read !== value) throw new Error(`GET returned ${JSON.stringify(read)}`);
            const deleted = await redis.del(key);
            if (deleted !== 1) throw new Error(`DEL removed ${deleted} keys`);
            return `SET, GET, DEL ok (${redis.status})`;
          }),
        )
      : Promise.resolve(skipped(redisSpec, 'not configured (REDIS_URL unset: single-node mode)')),
  );
  const natsSpec = {
    category,
    name: `NATS JetStream stream ${EVENT_STREAM} (${EVENT_STREAM_SUBJECTS.join(', ')})`,
    target:
      natsServers(env)
        .map((server) => endpoint(server.replace(/^tls:/, 'nats:'), 4222))
        .join(', ') || '-',
  } as const;
  checks.push(
    isClusterMode(env)
      ? runCheck(natsSpec, () =>
          withNats(env, timeoutMs, async (nc) => {
            const jsm = await jetstreamManager(nc, { timeout: timeoutMs });
            const info = await jsm.streams.info(EVENT_STREAM);
            if (!info.config.subjects?.some((subject) => EVENT_STREAM_SUBJECTS.includes(subject)))
              throw new Error(
                `stream ${EVENT_STREAM} does not capture ${EVENT_STREAM_SUBJECTS.join(', ')}: ${info.config.subjects?.join(', ')}`,
              );
            return `${info.state.messages} messages, ${info.config.num_replicas} replica(s), ${info.cluster?.replicas?.length ?? 0} peers`;
          }),
        )
      : Promise.resolve(
          skipped(natsSpec, 'single-node mode (NATS_URL unset): events go through the PostgreSQL outbox'),
        ),
  );
  if (env.NATS_MONITOR_URL) {
    const monitor = env.NATS_MONITOR_URL.replace(/\/+$/, '');
    checks.push(
      runCheck({ category, name: 'NATS monitoring /healthz', target: monitor }, async () => {
        const answer = await fetchHealth(`${monitor}/healthz`, timeoutMs);
        if (answer.status !== 200) throw new Error(`HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        return `HTTP 200 ${JSON.stringify(answer.body)}`;
      }),
    );
  }
  return Promise.all(checks);
}

async function replicationChecks(context: TContext): Promise<TCheck[]> {
  const { env, timeoutMs, database } = context;
  const category = 'replication';
  const checks: TCheck[] = [];
  const primaryTarget = database instanceof Error ? '-' : endpoint(database.url, 5432);
  const replicaTarget = env.DATABASE_REPLICA_URL ? endpoint(env.DATABASE_REPLICA_URL, 5432) : '-';
  if (database instanceof Error) {
    checks.push({
      category,
      name: 'Primary role',
      target: primaryTarget,
      status: 'fail',
      details: database.message,
    });
  } else {
    checks.push(
      await runCheck({ category, name: 'Primary role', target: primaryTarget }, () =>
        withPg(database.url, timeoutMs, async (client) => {
          const result = await client.query<{ recovery: string }>(
            'SELECT pg_is_in_recovery()::text AS recovery',
          );
          if (result.rows[0]?.recovery !== 'false')
            throw new Error('DATABASE_URL points at a server in recovery (a standby), not a primary');
          return '`pg_is_in_recovery()` = false';
        }),
      ),
    );
    const standbys = await withPg(database.url, timeoutMs, (client) =>
      client.query<{ name: string; client: string | null; state: string; sync: string; lag: string | null }>(
        `SELECT application_name AS name, client_addr::text AS client, state, sync_state AS sync,
                pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint::text AS lag
         FROM pg_stat_replication`,
      ),
    ).then(
      (result) => result.rows,
      (error: unknown) => error as Error,
    );
    const spec = {
      category,
      name: 'Streaming replicas (pg_stat_replication)',
      target: primaryTarget,
    } as const;
    if (standbys instanceof Error) checks.push({ ...spec, status: 'fail', details: errorMessage(standbys) });
    else if (standbys.length > 0) {
      const notStreaming = standbys.filter((standby) => standby.state !== 'streaming');
      const detail = standbys
        .map(
          (standby) =>
            `${standby.name || standby.client || 'standby'} ${standby.state}/${standby.sync}, lag ${standby.lag ?? '?'} bytes`,
        )
        .join('; ');
      checks.push({ ...spec, status: notStreaming.length > 0 ? 'fail' : 'pass', details: detail });
    } else if (env.DATABASE_REPLICA_URL)
      checks.push({
        ...spec,
        status: 'fail',
        details: 'DATABASE_REPLICA_URL is set but no standby is streaming from the primary',
      });
    else
      checks.push(
        skipped(spec, 'no replica configured (DATABASE_REPLICA_URL unset) and no standby attached'),
      );
  }
  const recoverySpec = { category, name: 'Replica in recovery', target: replicaTarget } as const;
  const lagSpec = { category, name: 'Replica replay lag', target: replicaTarget } as const;
  if (!env.DATABASE_REPLICA_URL) {
    checks.push(skipped(recoverySpec, 'not configured (DATABASE_REPLICA_URL unset)'));
    checks.push(skipped(lagSpec, 'not configured (DATABASE_REPLICA_URL unset)'));
    return checks;
  }
  const replicaUrl = env.DATABASE_REPLICA_URL;
  const state = await withPg(replicaUrl, timeoutMs, (client) =>
    client.query<{ recovery: string; received: string | null; replayed: string | null; lag: string | null }>(
      `SELECT pg_is_in_recovery()::text AS recovery, pg_last_wal_receive_lsn()::text AS received,
              pg_last_wal_replay_lsn()::text AS replayed,
              extract(epoch FROM now() - pg_last_xact_replay_timestamp())::text AS lag`,
    ),
  ).then(
    (result) => result.rows[0],
    (error: unknown) => error as Error,
  );
  if (state instanceof Error || !state) {
    const reason = state instanceof Error ? errorMessage(state) : 'no answer';
    checks.push(
      { ...recoverySpec, status: 'fail', details: reason },
      { ...lagSpec, status: 'fail', details: reason },
    );
    return checks;
  }
  checks.push(
    state.recovery === 'true'
      ? { ...recoverySpec, status: 'pass', details: '`pg_is_in_recovery()` = true' }
      : {
          ...recoverySpec,
          status: 'fail',
          details: 'DATABASE_REPLICA_URL is not in recovery: it is a primary, not a replica',
        },
  );
  const caughtUp = state.received !== null && state.received === state.replayed;
  const lagSeconds = state.lag === null ? undefined : Number(state.lag);
  const lsns = `receive LSN ${state.received ?? '-'}, replay LSN ${state.replayed ?? '-'}`;
  if (caughtUp) checks.push({ ...lagSpec, status: 'pass', details: `caught up (0 bytes behind); ${lsns}` });
  else if (lagSeconds !== undefined && lagSeconds <= env.OPS_MAX_REPLICATION_LAG_SECONDS)
    checks.push({ ...lagSpec, status: 'pass', details: `${lagSeconds.toFixed(1)} s behind; ${lsns}` });
  else
    checks.push({
      ...lagSpec,
      status: 'fail',
      details: `${lagSeconds === undefined ? 'nothing replayed yet' : `${lagSeconds.toFixed(1)} s behind`} (limit ${env.OPS_MAX_REPLICATION_LAG_SECONDS} s); ${lsns}`,
    });
  return checks;
}

async function registryChecks(context: TContext): Promise<TCheck[]> {
  const { env, timeoutMs } = context;
  const spec = { category: 'registry', name: 'Registry API /v2/', target: env.REGISTRY_URL ?? '-' } as const;
  if (!env.REGISTRY_URL) return [skipped(spec, 'not configured (REGISTRY_URL unset)')];
  const url = `${env.REGISTRY_URL.replace(/\/+$/, '')}/v2/`;
  return [
    await runCheck({ ...spec, target: url }, async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch(
        (error: unknown) => {
          throw new Error(`${url}: ${errorMessage((error as { cause?: unknown }).cause ?? error)}`);
        },
      );
      // 401 is an answer too: the registry is up and wants credentials.
      if (response.status !== 200 && response.status !== 401) throw new Error(`HTTP ${response.status}`);
      const api = response.headers.get('docker-distribution-api-version');
      return `HTTP ${response.status}${api ? `, ${api}` : ''}`;
    }),
  ];
}

async function endpointChecks(context: TContext): Promise<TCheck[]> {
  const { env, timeoutMs } = context;
  const category = 'endpoints';
  const checks = appTargets(env).map((app) =>
    runCheck({ category, name: `${app.name} /api/health`, target: app.healthUrl }, async () => {
      const answer = await fetchHealth(app.healthUrl, timeoutMs);
      const body = answer.body as {
        status?: string;
        checks?: Record<string, { status?: string; error?: string }>;
      } | null;
      if (answer.status === 200 && body?.status === 'ok') {
        const names = Object.keys(body.checks ?? {});
        return `HTTP 200, status ok${names.length > 0 ? ` (${names.join(', ')})` : ''}`;
      }
      const failing = Object.entries(body?.checks ?? {})
        .filter(([, check]) => check.status !== 'ok')
        .map(([name, check]) => `${name} ${check.status ?? '?'}${check.error ? `: ${check.error}` : ''}`);
      throw new Error(
        `HTTP ${answer.status}, status ${JSON.stringify(body?.status ?? null)}${failing.length > 0 ? ` (${failing.join('; ')})` : ''}`,
      );
    }),
  );
  const identity = identityTarget(env);
  const path = identity.local ? '/healthz' : '/.well-known/openid-configuration';
  checks.push(
    runCheck({ category, name: `Identity ${path}`, target: `${identity.url}${path}` }, async () => {
      const answer = await fetchHealth(`${identity.url}${path}`, timeoutMs);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      return 'HTTP 200';
    }),
  );
  return Promise.all(checks);
}

const PIPELINE_TIMEOUT_MS = 15_000;

async function pipelineChecks(context: TContext): Promise<TCheck[]> {
  const { env, database } = context;
  const category = 'pipeline';
  const cluster = isClusterMode(env);
  const transport = cluster ? 'NATS JetStream' : 'PostgreSQL outbox';
  const publishSpec = {
    category,
    name: `Publish ${SYSTEM_MAINTENANCE.subject}`,
    target: `outbox → ${transport}`,
  } as const;
  const deliverySpec = {
    category,
    name: `Delivery to a live subscriber (${transport})`,
    target: SYSTEM_MAINTENANCE.subject,
  } as const;
  if (database instanceof Error)
    return [
      { ...publishSpec, status: 'fail', details: database.message },
      { ...deliverySpec, status: 'fail', details: 'not run: the database is unavailable' },
    ];
  const db = createDbClient(database.url, {
    poolMax: 3,
    applicationName: 'lumenforge-ops',
    connectionTimeoutMs: context.timeoutMs,
  });
  let bus: TEventBus<TDbTransaction> | undefined;
  let natsClose: (() => Promise<void>) | undefined;
  const controller = new AbortController();
  try {
    let after: string | undefined;
    let opened: TEventBus<TDbTransaction>;
    if (cluster) {
      const { connect } = await import('@nats-io/transport-node');
      const nc = await connect({
        servers: natsServers(env),
        name: 'lumenforge-ops',
        timeout: context.timeoutMs,
      });
      natsClose = () => nc.close();
      opened = createNatsEventBus({ db, databaseUrl: database.url, nc, onError: () => undefined });
    } else {
      opened = createPostgresEventBus({ db, databaseUrl: database.url, onError: () => undefined });
      // The outbox position is the tail's cursor: follow from the current end, so the event cannot be missed.
      const rows = await db.$queryRaw<
        Array<{ position: bigint | null }>
      >`SELECT MAX(position) AS position FROM outbox`;
      after = String(rows[0]?.position ?? 0);
    }
    bus = opened;
    const correlationId = `ops-verify-${randomUUID()}`;
    const event = createEvent(SYSTEM_MAINTENANCE, {
      data: {
        phase: 'cancelled',
        services: ['ops-verify'],
        startsAt: new Date().toISOString(),
        endsAt: null,
        message: 'ops verify: end-to-end event pipeline probe (no maintenance)',
      },
      actor: { type: 'system', id: 'lumenforge-ops' },
      correlationId,
      workspaceId: null,
    });
    const iterator = opened
      .tail({
        subjects: [SYSTEM_MAINTENANCE.subject],
        signal: controller.signal,
        ...(after ? { after } : {}),
      })
      [Symbol.asyncIterator]();
    const firstNext = iterator.next();
    firstNext.catch(() => undefined);
    if (cluster) await new Promise((resolveWait) => setTimeout(resolveWait, 750)); // a NATS tail starts "from now"
    const publishStarted = performance.now();
    const publish = await runCheck(publishSpec, async () => {
      await withTimeout(opened.publish(event), context.timeoutMs * 2, 'publish');
      return `event ${event.id} written to the outbox`;
    });
    if (publish.status === 'fail') {
      return [publish, { ...deliverySpec, status: 'fail', details: 'not run: publishing failed' }];
    }
    const delivery = await runCheck(deliverySpec, async () => {
      const receive = async () => {
        for (let next = await firstNext; !next.done; next = await iterator.next()) {
          if (next.value.event.id === event.id) return next.value;
        }
        throw new Error('the tail ended before the event arrived');
      };
      const received = await withTimeout(receive(), PIPELINE_TIMEOUT_MS, `the ${transport} tail`);
      return `received ${received.event.subject} ${event.id} after ${Math.round(performance.now() - publishStarted)} ms (cursor ${received.cursor})`;
    });
    return [publish, delivery];
  } catch (error) {
    return [
      { ...publishSpec, status: 'fail', details: errorMessage(error) },
      { ...deliverySpec, status: 'fail', details: 'not run: the bus could not be opened' },
    ];
  } finally {
    controller.abort();
    await bus?.close().catch(() => undefined);
    await natsClose?.().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
  }
}

export type TVerifyResult = { checks: TCheck[]; infrastructure: string };

export async function runVerify(env: TOpsEnv): Promise<TVerifyResult> {
  let database: TDatabaseTarget | Error;
  try {
    database = resolveDatabase(env);
  } catch (error) {
    if (!(error instanceof DatabaseNotFoundError)) throw error;
    database = error;
  }
  const context: TContext = { env, timeoutMs: env.OPS_TIMEOUT_MS, database };
  const [connectivity, data, replication, registry, endpoints] = await Promise.all([
    connectivityChecks(context),
    dataServiceChecks(context),
    replicationChecks(context),
    registryChecks(context),
    endpointChecks(context),
  ]);
  const pipeline = await pipelineChecks(context);
  const mode = isClusterMode(env) ? 'cluster' : 'single-node';
  const infrastructure =
    `${mode}: ${database instanceof Error ? 'database not found' : database.description}, ` +
    `events through the ${isClusterMode(env) ? 'NATS JetStream stream' : 'PostgreSQL outbox'}`;
  return {
    checks: [...connectivity, ...data, ...replication, ...registry, ...endpoints, ...pipeline],
    infrastructure,
  };
}
