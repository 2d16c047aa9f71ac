import { randomUUID } from 'node:crypto';
import { DEPLOY_STARTED } from '@lumenforge/events';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStreamResponse } from './event-stream-response';
import { createPostgresEventBus } from './postgres-event-bus';
import { sampleEvent } from './testing';

let testDb: TTestDatabase;
let server: TFetchServer;
let baseUrl: string;
let busInstance: ReturnType<typeof createPostgresEventBus>;
const bus = () => busInstance;

// A real HTTP server in front of the route helper, as Next would run it.
beforeAll(async () => {
  testDb = await createTestDatabase();
  busInstance = createPostgresEventBus({ db: testDb.db, databaseUrl: testDb.url, onError: () => undefined });
  server = await startFetchServer((request) =>
    eventStreamResponse({ bus: bus(), subjects: ['wissil.deploy.*'], request, heartbeatMs: 200 }),
  );
  baseUrl = server.url;
});
afterAll(async () => {
  await server?.close();
  await busInstance?.close();
  await testDb?.drop();
});

type TFrame = { id?: string; event?: string; data?: string; comment?: string };

/** Reads SSE frames from a streaming fetch until `until` says stop. */
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
        const value = rest.join(':').trimStart();
        if (field === '') frame.comment = value;
        else if (field === 'id' || field === 'event' || field === 'data') frame[field] = value;
      }
      frames.push(frame);
    }
  }
  await reader.cancel();
  return frames;
}

describe('eventStreamResponse (Server-Sent Events)', () => {
  it('streams matching events with ids, sends heartbeats, and resumes after Last-Event-ID', async () => {
    const correlationId = `sse-${randomUUID()}`;
    const response = await fetch(`${baseUrl}/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    setTimeout(() => {
      void (async () => {
        await bus().publish(sampleEvent(correlationId)); // build.started: not streamed
        for (let index = 0; index < 3; index += 1)
          await bus().publish(sampleEvent(correlationId, DEPLOY_STARTED));
      })();
    }, 500);
    const frames = await readFrames(
      response,
      (all) =>
        all.filter((frame) => frame.event).length === 3 && all.some((frame) => frame.comment === 'heartbeat'),
    );
    const events = frames.filter((frame) => frame.event);
    expect(events.map((frame) => frame.event)).toEqual(Array(3).fill('wissil.deploy.started'));
    expect(events.every((frame) => JSON.parse(frame.data ?? '{}').correlationId === correlationId)).toBe(
      true,
    );

    // The browser reconnects with the id of the first event it saw and gets the other two.
    const resumed = await fetch(`${baseUrl}/events`, { headers: { 'Last-Event-ID': events[0]?.id ?? '' } });
    const replay = (
      await readFrames(resumed, (all) => all.filter((frame) => frame.event).length === 2)
    ).filter((frame) => frame.event);
    expect(replay.map((frame) => frame.id)).toEqual(events.slice(1).map((frame) => frame.id));
  });

  it('refuses an invalid subject pattern', () => {
    expect(() =>
      eventStreamResponse({ bus: bus(), subjects: ['wissil.>.bad'], request: new Request('http://x/') }),
    ).toThrow(/Invalid subject pattern/);
  });
});
