import { randomUUID } from 'node:crypto';
import { createRepositories } from '@lumenforge/db/server';
import type { TTestDatabase } from '@lumenforge/db/testing';
import { waitFor } from '@lumenforge/event-bus/testing';
import type { TSubscription } from '@lumenforge/event-bus';
import { COMPONENT_UPDATED, createEvent, type TEventEnvelope } from '@lumenforge/events';
import {
  createLogger,
  installPeerAddressHeader,
  PEER_ADDRESS_HEADER,
} from '@lumenforge/observability/server';
import { parsePrometheusText, sampleValue, sumSamples } from '@lumenforge/observability/testing';
import { describe, expect, it } from 'vitest';
import { apiRoute, publicApiRoute } from './api-route';
import { useRuntimeTestServices } from './runtime-test-services';
import { metricsRoute } from './metrics-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

const quiet = { info: () => undefined, error: () => undefined };
const SUBJECT = COMPONENT_UPDATED.subject;
const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

function componentUpdated(): TEventEnvelope {
  return createEvent(COMPONENT_UPDATED, {
    data: { ...COMPONENT_UPDATED.sample, componentId: randomUUID() },
    actor: { type: 'system', id: 'metrics-test' },
    correlationId: randomUUID(),
    workspaceId: null,
  });
}

// The socket peer, as every app's HTTP server stamps it (installPeerAddressHeader, at boot).
installPeerAddressHeader();

/** Scrapes `/api/metrics` of `runtime` as Prometheus would from inside the cluster. */
async function scrape(runtime: TPlatformRuntime) {
  const response = await metricsRoute(() => runtime)(
    new Request('http://localhost/api/metrics', { headers: { [PEER_ADDRESS_HEADER]: '10.42.0.7' } }),
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(await response.text());
}

async function signedInCookie(testDb: TTestDatabase, runtime: TPlatformRuntime) {
  const repos = createRepositories(testDb.db);
  const { workspace } = await repos.workspaces.ensureBySlug({ slug: 'lumenforge', name: 'LumenForge' });
  const user = await repos.users.create({
    email: `metrics-${randomUUID().slice(0, 8)}@example.test`,
    name: 'M',
  });
  await repos.memberships.setRole({ userId: user.id, workspaceId: workspace.id, role: 'admin' });
  const { token } = await runtime.auth.sessions.create({
    userId: user.id,
    workspaceId: workspace.id,
    authTime: new Date(),
    mfa: true,
    ip: null,
    userAgent: null,
  });
  return { cookie: `lf_session=${token}`, userId: user.id };
}

describe('metrics and logs of a runtime', () => {
  const { services, baseEnv, clusterEnv } = useRuntimeTestServices({ rateLimitWritesPerMinute: 1_000 });

  it('single-node: requests, events, consumer lag, cache and pool move the counters; one log line per request', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 'slate',
      level: 'info',
      isPretty: false,
      destination: { write: (line: string) => void lines.push(line) },
    });
    const runtime = createRuntime({
      service: 'slate',
      env: baseEnv(),
      db: services.db.db,
      logger,
      version: '9.9.9',
    });
    const subscriptions: TSubscription[] = [];
    try {
      const { cookie, userId } = await signedInCookie(services.db, runtime);
      const origin = runtime.allowedOrigins[0] ?? '';
      const read = apiRoute<undefined>(
        () => runtime,
        { endpoint: 'metrics-test.read', permission: null },
        async () => Response.json({ ok: true }),
      );
      const publish = apiRoute<undefined>(
        () => runtime,
        { endpoint: 'metrics-test.publish', permission: null },
        async () => {
          await runtime.bus.publish(componentUpdated());
          return Response.json({ ok: true }, { status: 201 });
        },
      );
      const broken = publicApiRoute<undefined>(
        () => runtime,
        { endpoint: 'metrics-test.broken' },
        async () => {
          throw new Error('exploded while talking to postgresql://lumenforge:hunter2@db/lumenforge');
        },
      );

      const before = await scrape(runtime);
      const requests = (route: string, status: string, method = 'GET') =>
        sumSamples(before, 'http_requests_total', { route, status, method });
      const consumed = (consumer: string, outcome: string) =>
        sumSamples(before, 'events_consumed_total', { consumer, subject: SUBJECT, outcome });
      const published = sumSamples(before, 'events_published_total', { subject: SUBJECT });

      const get = (headers: Record<string, string>) =>
        read(new Request('http://localhost:3001/api/metrics-test', { headers }), undefined);
      expect((await get({ cookie })).status).toBe(200);
      expect((await get({ cookie })).status).toBe(200);
      expect((await get({})).status).toBe(401);
      for (let index = 0; index < 3; index += 1) {
        const response = await publish(
          new Request('http://localhost:3001/api/metrics-test', {
            method: 'POST',
            headers: { cookie, origin },
          }),
          undefined,
        );
        expect(response.status).toBe(201);
      }
      expect((await broken(new Request('http://localhost:3001/api/broken'), undefined)).status).toBe(500);

      // A consumer that handles every event, and one that always fails (2 retries, then parked).
      const handled: string[] = [];
      subscriptions.push(
        await runtime.bus.subscribe({
          consumer: 'slate.metrics-ok',
          subject: SUBJECT,
          handler: async (event) => void handled.push(event.id),
        }),
        await runtime.bus.subscribe({
          consumer: 'slate.metrics-failing',
          subject: SUBJECT,
          retry: { attempts: 3, backoffMs: () => 5 },
          handler: async () => {
            throw new Error('always fails');
          },
        }),
      );
      await waitFor(async () => {
        const lag = await scrape(runtime);
        return (
          sampleValue(lag, 'event_consumer_lag', { consumer: 'slate.metrics-ok' }) === 0 &&
          sampleValue(lag, 'event_consumer_lag', { consumer: 'slate.metrics-failing' }) === 0
        );
      }, 30_000);
      // Every event of the log so far is one the new consumers started from; ours are among them.
      expect(handled.length).toBeGreaterThanOrEqual(3);

      await runtime.cache.get('metrics:missing');
      await runtime.cache.set('metrics:present', { value: 1 });
      for (let index = 0; index < 3; index += 1) await runtime.cache.get('metrics:present');

      const after = await scrape(runtime);
      const delta = (name: string, labels: Record<string, string>, base: number) =>
        sumSamples(after, name, labels) - base;
      expect(
        delta(
          'http_requests_total',
          { route: 'metrics-test.read', status: '200', method: 'GET' },
          requests('metrics-test.read', '200'),
        ),
      ).toBe(2);
      expect(
        delta(
          'http_requests_total',
          { route: 'metrics-test.read', status: '401', method: 'GET' },
          requests('metrics-test.read', '401'),
        ),
      ).toBe(1);
      expect(
        delta(
          'http_requests_total',
          { route: 'metrics-test.publish', status: '201', method: 'POST' },
          requests('metrics-test.publish', '201', 'POST'),
        ),
      ).toBe(3);
      expect(
        delta(
          'http_requests_total',
          { route: 'metrics-test.broken', status: '500' },
          requests('metrics-test.broken', '500'),
        ),
      ).toBe(1);
      expect(
        sampleValue(after, 'http_request_duration_seconds_count', {
          route: 'metrics-test.publish',
          status: '201',
          method: 'POST',
        }),
      ).toBe(3);
      // No raw URLs as route labels.
      for (const sample of after.get('http_requests_total')?.samples ?? [])
        expect(sample.labels['route']).not.toMatch(/^\/|http/);

      expect(delta('events_published_total', { subject: SUBJECT }, published)).toBe(3);
      const okCount = handled.length;
      expect(
        delta(
          'events_consumed_total',
          { consumer: 'slate.metrics-ok', subject: SUBJECT, outcome: 'ok' },
          consumed('slate.metrics-ok', 'ok'),
        ),
      ).toBe(okCount);
      expect(
        delta(
          'events_consumed_total',
          { consumer: 'slate.metrics-failing', subject: SUBJECT, outcome: 'retry' },
          consumed('slate.metrics-failing', 'retry'),
        ),
      ).toBe(2 * okCount);
      expect(
        delta(
          'events_consumed_total',
          { consumer: 'slate.metrics-failing', subject: SUBJECT, outcome: 'parked' },
          consumed('slate.metrics-failing', 'parked'),
        ),
      ).toBe(okCount);

      const stats = runtime.cache.stats();
      expect(stats).toEqual({ hits: 3, misses: 1, errors: 0 });
      expect(sampleValue(after, 'cache_requests_total', { result: 'hit' })).toBe(3);
      expect(sampleValue(after, 'cache_requests_total', { result: 'miss' })).toBe(1);
      expect(sampleValue(after, 'cache_hit_ratio')).toBe(0.75);

      const total = sampleValue(after, 'db_pool_connections', { state: 'total' }) ?? -1;
      const idle = sampleValue(after, 'db_pool_connections', { state: 'idle' }) ?? -1;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(idle).toBeGreaterThanOrEqual(0);
      expect(sampleValue(after, 'db_pool_connections', { state: 'waiting' })).toBe(0);
      expect(sampleValue(after, 'build_info', { service: 'slate', version: '9.9.9' })).toBe(1);

      // One JSON line per request, with service, route, status, duration, correlation and user ids.
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const requestLines = records.filter((record) => record['route'] === 'metrics-test.read');
      expect(requestLines).toHaveLength(3);
      expect(requestLines[0]).toMatchObject({
        level: 'info',
        service: 'slate',
        method: 'GET',
        status: 200,
        userId,
        msg: 'GET metrics-test.read 200',
      });
      expect(typeof requestLines[0]?.['durationMs']).toBe('number');
      expect(String(requestLines[0]?.['correlationId'])).toMatch(/^[0-9a-f-]{36}$/);
      expect(requestLines[2]).not.toHaveProperty('userId');
      const failure = records.find((record) => record['level'] === 'error');
      expect(failure).toMatchObject({ service: 'slate', context: 'GET metrics-test.broken' });
      expect(JSON.stringify(failure)).toContain('exploded while talking to postgresql://***@db/lumenforge');
      expect(lines.join('')).not.toContain('hunter2');
      expect(lines.join('')).not.toContain(cookie.slice('lf_session='.length));
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await runtime.close();
    }
  });

  it('cluster: consumer lag is the JetStream num_pending and returns to 0', async () => {
    const runtime = createRuntime({
      service: 'spark',
      env: clusterEnv(),
      db: services.db.db,
      logger: quiet,
      keyPrefix: `metrics-${randomUUID().slice(0, 8)}:`,
    });
    const handled: string[] = [];
    const subscription = await runtime.bus.subscribe({
      consumer: 'spark.metrics-lag',
      subject: SUBJECT,
      handler: async (event) => void handled.push(event.id),
    });
    try {
      const before = await scrape(runtime);
      const published = sumSamples(before, 'events_published_total', { subject: SUBJECT });
      const ids = [componentUpdated(), componentUpdated()];
      for (const event of ids) await runtime.bus.publish(event);
      await waitFor(async () => ids.every((event) => handled.includes(event.id)), 30_000);
      await waitFor(async () => {
        const lag = await scrape(runtime);
        return sampleValue(lag, 'event_consumer_lag', { consumer: 'spark.metrics-lag' }) === 0;
      }, 15_000);
      const after = await scrape(runtime);
      expect(sumSamples(after, 'events_published_total', { subject: SUBJECT }) - published).toBe(2);
      expect(sampleValue(after, 'build_info', { service: 'spark' })).toBe(1);
    } finally {
      await subscription.close();
      await runtime.close();
    }
  });

  it('/api/metrics: Bearer METRICS_TOKEN when set; private addresses only when not; never through Cloudflare', async () => {
    const open = createRuntime({ service: 'waypoint', env: baseEnv(), db: services.db.db, logger: quiet });
    const guarded = createRuntime({
      service: 'waypoint',
      env: { ...baseEnv(), METRICS_TOKEN },
      db: services.db.db,
      logger: quiet,
    });
    const call = (runtime: TPlatformRuntime, headers: Record<string, string>) =>
      metricsRoute(() => runtime)(new Request('http://localhost:3005/api/metrics', { headers }));
    try {
      const peer = PEER_ADDRESS_HEADER;
      expect((await call(open, { [peer]: '127.0.0.1' })).status).toBe(200);
      expect((await call(open, { [peer]: '10.42.1.9' })).status).toBe(200);
      expect((await call(open, { [peer]: '203.0.113.5' })).status).toBe(403);
      // A public client's own X-Forwarded-For is not believed (no TRUSTED_PROXIES).
      expect((await call(open, { [peer]: '203.0.113.5', 'x-forwarded-for': '127.0.0.1' })).status).toBe(403);
      expect((await call(open, { [peer]: '127.0.0.1', 'cf-connecting-ip': '203.0.113.5' })).status).toBe(403);

      expect((await call(guarded, { [peer]: '127.0.0.1' })).status).toBe(401);
      expect((await call(guarded, { authorization: 'Bearer not-the-token' })).status).toBe(401);
      const allowed = await call(guarded, {
        authorization: `Bearer ${METRICS_TOKEN}`,
        [peer]: '10.42.0.3',
      });
      expect(allowed.status).toBe(200);
      expect(parsePrometheusText(await allowed.text()).has('http_requests_total')).toBe(true);
      expect(
        (await call(guarded, { authorization: `Bearer ${METRICS_TOKEN}`, 'cf-ray': '8f00-AMS' })).status,
      ).toBe(403);
    } finally {
      await Promise.all([open.close(), guarded.close()]);
    }
  });
});
