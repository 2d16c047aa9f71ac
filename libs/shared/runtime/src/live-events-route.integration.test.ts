import { randomUUID } from 'node:crypto';
import { signOut, signOutEverywhere } from '@lumenforge/auth/server';
import { createRepositories } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { createEvent, SYSTEM_HEALTH, TOKENS_UPDATED } from '@lumenforge/events';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveEventsRoute } from './live-events-route';
import { createRuntime, type TPlatformRuntime } from './runtime';

type TFrame = { id?: string; data?: string };
type TPayload = { topics: string[]; event: { subject: string; workspaceId: string | null; data: unknown } };

/** Reads SSE frames until `until` says stop or the server ends the stream. */
async function readFrames(response: Response, until: (frames: TFrame[]) => boolean): Promise<TFrame[]> {
  if (!response.body) throw new Error('no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const frames: TFrame[] = [];
  let buffer = '';
  while (!until(frames)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: TFrame = {};
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':');
        if (field === 'id' || field === 'data') frame[field] = rest.join(':').trimStart();
      }
      if (frame.data) frames.push(frame);
    }
  }
  await reader.cancel().catch(() => undefined);
  return frames;
}
const payloads = (frames: TFrame[]) => frames.map((frame) => JSON.parse(frame.data ?? '{}') as TPayload);

describe('GET /api/events?topics=… (liveEventsRoute) over real HTTP', () => {
  let testDb: TTestDatabase;
  let runtime: TPlatformRuntime;
  let server: TFetchServer;
  let workspaceId = '';
  let otherWorkspaceId = '';
  let userId = '';

  const context = { ip: '127.0.0.1', userAgent: 'live-test', correlationId: 'live-events-test' };
  const newSession = async (forUser = userId) => {
    const { token } = await runtime.auth.sessions.create({
      userId: forUser,
      workspaceId,
      authTime: new Date(),
      mfa: true,
      ip: null,
      userAgent: null,
    });
    return token;
  };
  const open = (topics: string, token: string | null) =>
    fetch(`${server.url}/api/events?topics=${topics}`, {
      headers: token ? { cookie: `lf_session=${token}` } : {},
    });
  const tokensUpdated = (inWorkspace: string, version: number) =>
    createEvent(TOKENS_UPDATED, {
      data: { ...TOKENS_UPDATED.sample, version },
      actor: { type: 'system', id: 'live-test' },
      correlationId: `live-${randomUUID()}`,
      workspaceId: inWorkspace,
    });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    runtime = createRuntime({
      service: 'landing',
      env: { DATABASE_URL: testDb.url, DATABASE_POOL_MAX: 4, NATS_STREAM_REPLICAS: 1 },
      db: testDb.db,
      logger: { info: () => undefined, error: () => undefined },
    });
    const repos = createRepositories(testDb.db);
    const { workspace } = await repos.workspaces.ensureBySlug({ slug: 'lumenforge', name: 'LumenForge' });
    const other = await repos.workspaces.create({ name: 'Other', slug: `other-${randomUUID().slice(0, 8)}` });
    workspaceId = workspace.id;
    otherWorkspaceId = other.id;
    const user = await repos.users.create({
      email: `live-${randomUUID().slice(0, 8)}@example.test`,
      name: 'Live',
    });
    await repos.memberships.setRole({ userId: user.id, workspaceId, role: 'designer' });
    userId = user.id;
    const route = liveEventsRoute(() => runtime, {
      health: () => ({ subjects: ['wissil.system.health'] }),
    });
    server = await startFetchServer((request) => route(request, undefined));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await testDb?.drop().catch(() => undefined);
  });

  it('refuses a stream without a session (401) and unknown, unserved or missing topics (400)', async () => {
    const token = await newSession();
    expect((await open('tokens', null)).status).toBe(401);
    for (const topics of ['', 'tokens,nope', 'activity']) {
      const response = await open(topics, token);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/tokens, session, health/);
    }
  });

  it('multiplexes the requested topics on one connection, each filtered to what the user may see', async () => {
    const token = await newSession();
    const response = await open('health,tokens,session', token);
    expect(response.status).toBe(200);
    setTimeout(() => {
      void (async () => {
        await runtime.bus.publish(tokensUpdated(otherWorkspaceId, 90)); // another workspace: not sent
        await runtime.bus.publish(tokensUpdated(workspaceId, 91));
        await runtime.bus.publish(
          createEvent(SYSTEM_HEALTH, {
            data: SYSTEM_HEALTH.sample,
            actor: { type: 'system', id: 'live-test' },
            correlationId: 'live-health',
            workspaceId: null,
          }),
        );
      })();
    }, 300);
    const frames = payloads(await readFrames(response, (all) => all.length === 2));
    expect(frames.map((frame) => [frame.event.subject, frame.topics])).toEqual([
      ['wissil.tokens.updated', ['tokens']],
      ['wissil.system.health', ['health']],
    ]);
    expect(frames[0]?.event.workspaceId).toBe(workspaceId);
  });

  it("tells this session's stream that it was signed out (not another session's) and then ends it", async () => {
    const token = await newSession();
    const otherDevice = await newSession();
    const stream = await open('tokens,session', token);
    const otherStream = await open('session', otherDevice);
    setTimeout(
      () =>
        void signOut(
          { db: runtime.db, bus: runtime.bus, sessions: runtime.auth.sessions },
          { token, context },
        ),
      300,
    );
    // The stream ends by itself after the signal (readFrames returns at the end of the body).
    const frames = payloads(await readFrames(stream, () => false));
    expect(frames.map((frame) => [frame.event.subject, frame.topics])).toEqual([
      ['wissil.user.logout', ['session']],
    ]);
    expect(frames[0]?.event.data).toMatchObject({ userId, reason: 'user' });
    expect((await open('session', token)).status).toBe(401);

    // The other device's session is still live: sign out everywhere reaches it too.
    const principal = await runtime.auth.authenticator.authenticate(
      new Headers({ cookie: `lf_session=${otherDevice}` }),
    );
    if (!principal) throw new Error('the other session should still be live');
    setTimeout(
      () =>
        void signOutEverywhere(
          { db: runtime.db, bus: runtime.bus, sessions: runtime.auth.sessions },
          { principal, context },
        ),
      300,
    );
    const everywhere = payloads(await readFrames(otherStream, () => false));
    expect(everywhere.map((frame) => frame.event.data)).toEqual([{ userId, reason: 'user' }]);
  });
});
