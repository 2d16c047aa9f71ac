// `ops status`: every app's /api/health, the identity provider and every data service, with
// status and latency. Critical: the apps, the identity provider and PostgreSQL (nothing serves
// without them); Redis, NATS and the registry degrade the platform (as in the apps' own health).
import { pingNats } from '@lumenforge/nats/server';
import { pingRedis } from '@lumenforge/redis/server';
import type { TOpsEnv } from './env';
import { formatLatency } from './report';
import {
  errorMessage,
  fetchHealth,
  httpHealthProbe,
  postgresVersion,
  probe,
  withNats,
  withPg,
  withRedis,
  type TProbeResult,
} from './probes';
import { redactUrl } from '@lumenforge/platform/database-url';
import { appTargets, hostPort, identityTarget, resolveDatabase } from './targets';
import { textTable } from './text-table';

export type TServiceStatus = 'ok' | 'degraded' | 'down' | 'not configured';

export type TStatusRow = {
  name: string;
  kind: 'app' | 'identity' | 'database' | 'cache' | 'message bus' | 'registry';
  target: string;
  status: TServiceStatus;
  critical: boolean;
  latencyMs?: number;
  details: string;
};

export type TStatusReport = { overall: 'ok' | 'degraded' | 'down'; rows: TStatusRow[] };

function fromProbe(
  base: Omit<TStatusRow, 'status' | 'latencyMs' | 'details'>,
  result: TProbeResult,
): TStatusRow {
  if (!result.ok) return { ...base, status: 'down', latencyMs: result.latencyMs, details: result.error };
  return {
    ...base,
    status: result.degraded ? 'degraded' : 'ok',
    latencyMs: result.latencyMs,
    details: result.detail ?? '',
  };
}

export async function collectStatus(
  env: TOpsEnv,
  options: { strict?: boolean } = {},
): Promise<TStatusReport> {
  const timeoutMs = env.OPS_TIMEOUT_MS;
  const strict = options.strict ?? false;
  const rows: Array<Promise<TStatusRow>> = [];
  for (const app of appTargets(env))
    rows.push(
      httpHealthProbe(app.healthUrl, timeoutMs).then((result) =>
        fromProbe({ name: app.id, kind: 'app', target: app.url, critical: true }, result),
      ),
    );
  const identity = identityTarget(env);
  const identityPath = identity.local ? '/healthz' : '/.well-known/openid-configuration';
  rows.push(
    probe(async () => {
      const answer = await fetchHealth(`${identity.url}${identityPath}`, timeoutMs);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      return `HTTP 200 ${identityPath}`;
    }).then((result) =>
      fromProbe({ name: 'identity', kind: 'identity', target: identity.url, critical: true }, result),
    ),
  );
  let databaseRow: Promise<TStatusRow>;
  try {
    const database = resolveDatabase(env);
    const { host, port } = hostPort(database.url, 5432);
    databaseRow = probe(() =>
      withPg(database.url, timeoutMs, async (client) => {
        const { version } = await postgresVersion(client);
        return `PostgreSQL ${version}, ${database.source === 'embedded' ? database.description : redactUrl(database.url)}`;
      }),
    ).then((result) =>
      fromProbe({ name: 'postgres', kind: 'database', target: `${host}:${port}`, critical: true }, result),
    );
  } catch (error) {
    databaseRow = Promise.resolve({
      name: 'postgres',
      kind: 'database',
      target: `127.0.0.1:${env.LUMENFORGE_PG_PORT}`,
      critical: true,
      status: 'down',
      details: errorMessage(error),
    });
  }
  rows.push(databaseRow);
  const notConfigured = (name: string, kind: TStatusRow['kind'], variable: string): Promise<TStatusRow> =>
    Promise.resolve({
      name,
      kind,
      target: '-',
      critical: false,
      status: 'not configured',
      details: `${variable} unset`,
    });
  if (env.REDIS_URL || env.REDIS_SENTINELS) {
    const target = env.REDIS_URL
      ? `${hostPort(env.REDIS_URL, 6379).host}:${hostPort(env.REDIS_URL, 6379).port}`
      : `sentinels ${env.REDIS_SENTINELS}`;
    rows.push(
      probe(() =>
        withRedis(
          env,
          timeoutMs,
          async (client) => `PONG in ${(await pingRedis(client, { timeoutMs })).latencyMs} ms`,
        ),
      ).then((result) => fromProbe({ name: 'redis', kind: 'cache', target, critical: strict }, result)),
    );
  } else rows.push(notConfigured('redis', 'cache', 'REDIS_URL'));
  if (env.NATS_URL) {
    rows.push(
      probe(() =>
        withNats(
          env,
          timeoutMs,
          async (nc) => `JetStream ok, RTT ${(await pingNats(nc, timeoutMs)).latencyMs} ms`,
        ),
      ).then((result) =>
        fromProbe(
          { name: 'nats', kind: 'message bus', target: env.NATS_URL ?? '-', critical: strict },
          result,
        ),
      ),
    );
  } else rows.push(notConfigured('nats', 'message bus', 'NATS_URL'));
  if (env.REGISTRY_URL) {
    const url = `${env.REGISTRY_URL.replace(/\/+$/, '')}/v2/`;
    rows.push(
      probe(async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch(
          (error: unknown) => {
            throw new Error(errorMessage((error as { cause?: unknown }).cause ?? error));
          },
        );
        if (response.status !== 200 && response.status !== 401) throw new Error(`HTTP ${response.status}`);
        return `/v2/ HTTP ${response.status}`;
      }).then((result) =>
        fromProbe(
          { name: 'registry', kind: 'registry', target: env.REGISTRY_URL ?? '-', critical: strict },
          result,
        ),
      ),
    );
  } else rows.push(notConfigured('registry', 'registry', 'REGISTRY_URL'));
  const resolved = await Promise.all(rows);
  const criticalDown = resolved.some((row) => row.critical && row.status === 'down');
  const anyProblem = resolved.some((row) => row.status === 'down' || row.status === 'degraded');
  return { overall: criticalDown ? 'down' : anyProblem ? 'degraded' : 'ok', rows: resolved };
}

const ICON: Record<TServiceStatus, string> = { ok: '✅', degraded: '⚠️', down: '❌', 'not configured': '⏭' };

export function renderStatus(report: TStatusReport): string {
  const table = textTable(
    ['SERVICE', 'KIND', 'TARGET', 'STATUS', 'LATENCY', 'DETAILS'],
    report.rows.map((row) => [
      row.name,
      row.kind,
      row.target,
      `${ICON[row.status]} ${row.status}${row.critical && row.status === 'down' ? ' (critical)' : ''}`,
      row.latencyMs === undefined ? '-' : formatLatency(row.latencyMs),
      row.details,
    ]),
  );
  return `${table}\n\nOverall: ${report.overall}`;
}
