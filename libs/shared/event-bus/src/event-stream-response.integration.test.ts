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
  // Two topics on one stream: every deploy event, and build events of one correlation id only;
  // a build event whose correlation id is `stop` ends the stream after it is sent.
  server = await startFetchServer((request) =>
    eventStreamResponse({
      bus: bus(),
      topics: {
        deploys: { subjects: ['wissil.deploy.*'] },
        builds: {
          subjects: ['wissil.build.*', 'wissil.deploy.started'],
          filter: (event) => event.correlationId.startsWith(new URL(request.url).searchParams.get('c') ?? '-'),
        },
      },
      closeAfter: (event) => event.correlationId.endsWith('-stop'),
      request,
      heartbeatMs: 200,
    }),
  );
  baseUrl = server.url;
});
afterAll(async () => {
  await server?.close();
  await busInstance?.close();
  await testDb?.drop();
});

type TFrame = { id?: string; event?: string; data?: string; comment?: string };
type TPayload = { topics: string[]; event: { subject: string; correlationId: string } };
const payload = (frame: TFrame) => JSON.parse(frame.data ?? '{}') as TPayload;

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

describe('eventStreamResponse (Server-Sent Events, multiplexed topics)', () => {
  it('streams each event once with the topics it belongs to, sends heartbeats, and resumes after Last-Event-ID', async () => {
    const correlationId = `sse-${randomUUID()}`;
    const other = `other-${randomUUID()}`;
    const response = await fetch(`${baseUrl}/events?c=${correlationId}`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    setTimeout(() => {
      void (async () => {
        await bus().publish(sampleEvent(other)); // build of another correlation: no topic takes it
        await bus().publish(sampleEvent(correlationId)); // build: `builds` only
        for (let index = 0; index < 3; index += 1)
          await bus().publish(sampleEvent(correlationId, DEPLOY_STARTED)); // both topics, sent once
      })();
    }, 500);
    const frames = await readFrames(
      response,
      (all) =>
        all.filter((frame) => frame.data).length === 4 && all.some((frame) => frame.comment === 'heartbeat'),
    );
    const events = frames.filter((frame) => frame.data);
    expect(events.every((frame) => frame.event === undefined)).toBe(true);
    expect(events.map((frame) => payload(frame).event.subject)).toEqual([
      'wissil.build.started',
      ...Array(3).fill('wissil.deploy.started'),
    ]);
    expect(events.map((frame) => payload(frame).topics)).toEqual([
      ['builds'],
      ...Array(3).fill(['deploys', 'builds']),
    ]);
    expect(events.every((frame) => payload(frame).event.correlationId === correlationId)).toBe(true);

    // The browser reconnects with the id of the first event it saw and gets the other three.
    const resumed = await fetch(`${baseUrl}/events?c=${correlationId}`, {
      headers: { 'Last-Event-ID': events[0]?.id ?? '' },
    });
    const replay = (
      await readFrames(resumed, (all) => all.filter((frame) => frame.data).length === 3)
    ).filter((frame) => frame.data);
    expect(replay.map((frame) => frame.id)).toEqual(events.slice(1).map((frame) => frame.id));

    // A new EventSource cannot set the header: `?lastEventId=` does the same.
    const byQuery = await fetch(`${baseUrl}/events?c=${correlationId}&lastEventId=${events[2]?.id ?? ''}`);
    const replayByQuery = (
      await readFrames(byQuery, (all) => all.filter((frame) => frame.data).length === 1)
    ).filter((frame) => frame.data);
    expect(replayByQuery.map((frame) => frame.id)).toEqual([events[3]?.id]);
  });

  it('ends the stream after the event closeAfter accepts', async () => {
    const correlationId = `close-${randomUUID()}`;
    const response = await fetch(`${baseUrl}/events?c=${correlationId}`);
    setTimeout(() => void bus().publish(sampleEvent(`${correlationId}-stop`, DEPLOY_STARTED)), 300);
    // readFrames stops at the end of the body: the frame arrives, then the stream closes by itself.
    const frames = await readFrames(response, () => false);
    expect(frames.filter((frame) => frame.data).map((frame) => payload(frame).topics)).toEqual([
      ['deploys', 'builds'],
    ]);
  });

  it('refuses an invalid subject pattern and a stream without subjects', () => {
    expect(() =>
      eventStreamResponse({
        bus: bus(),
        topics: { bad: { subjects: ['wissil.>.bad'] } },
        request: new Request('http://x/'),
      }),
    ).toThrow(/Invalid subject pattern/);
    expect(() => eventStreamResponse({ bus: bus(), topics: {}, request: new Request('http://x/') })).toThrow(
      /at least one topic/,
    );
  });
});
