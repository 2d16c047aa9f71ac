import { createTestDatabase, makeProject, makeWorkspace, type TTestDatabase } from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildRepository } from './build.repository';
import {
  buildLogStreamResponse,
  createBuildLogNotifications,
  type TBuildLogNotifications,
} from './build-log-stream';

let database: TTestDatabase;
let repo: BuildRepository;
let notifications: TBuildLogNotifications;

beforeAll(async () => {
  database = await createTestDatabase();
  repo = new BuildRepository(database.db);
  notifications = createBuildLogNotifications(database.url, () => undefined);
});
afterAll(async () => {
  await notifications?.close();
  await database?.drop();
});

type TFrame = { id: string; event: string; data: unknown };

async function* frames(response: Response): AsyncGenerator<TFrame> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      const data = field('data');
      if (data !== undefined)
        yield { id: field('id') ?? '', event: field('event') ?? 'message', data: JSON.parse(data) };
    }
  }
}

describe('build log stream (SSE over LISTEN/NOTIFY, real PostgreSQL)', () => {
  it('sends the build, then log lines live as they are appended, and ends when the build is final', async () => {
    const workspace = await makeWorkspace(database.db);
    const project = await makeProject(database.db, { workspace });
    const build = await repo.create({
      workspaceId: workspace.id,
      kind: 'project',
      projectId: project.id,
      source: { kind: 'project', projectId: project.id },
      trigger: 'manual',
    });
    await repo.appendLog(build.id, [{ stage: 'install', stream: 'system', line: 'first' }]);

    const abort = new AbortController();
    const response = buildLogStreamResponse({
      repo,
      notifications,
      build,
      request: new Request('http://x/api/builds/x/log', { signal: abort.signal }),
      pollMs: 10_000,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const received: TFrame[] = [];
    const reading = (async () => {
      for await (const frame of frames(response)) {
        received.push(frame);
        if (frame.event === 'end') return;
      }
    })();
    const waitFor = async (predicate: () => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!predicate()) {
        if (Date.now() > deadline)
          throw new Error(`timed out; got ${JSON.stringify(received.map((f) => f.event))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitFor(() => received.some((frame) => frame.event === 'log'));
    expect(received[0]?.event).toBe('build');
    // Appended while the stream waits: delivered through NOTIFY well before the 10 s poll.
    const startedAt = Date.now();
    await repo.appendLog(build.id, [{ stage: 'typecheck', stream: 'stdout', line: 'second' }]);
    await waitFor(() => received.filter((frame) => frame.event === 'log').length === 2);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    const logLines = received
      .filter((frame) => frame.event === 'log')
      .flatMap((frame) => frame.data as Array<{ line: string }>);
    expect(logLines.map((line) => line.line)).toEqual(['first', 'second']);

    await repo.requestCancel(build.id, workspace.id);
    await reading;
    expect(received.at(-1)).toMatchObject({ event: 'end', data: { status: 'cancelled' } });

    // Reconnecting with Last-Event-ID resumes after the last line seen.
    const lastId = received.filter((frame) => frame.event === 'log').at(-1)?.id ?? '';
    await repo.appendLog(build.id, [{ stage: 'typecheck', stream: 'stdout', line: 'third' }]);
    const resumed: TFrame[] = [];
    const again = buildLogStreamResponse({
      repo,
      notifications,
      build,
      request: new Request('http://x/', { headers: { 'last-event-id': lastId } }),
    });
    for await (const frame of frames(again)) resumed.push(frame);
    expect(
      resumed
        .filter((frame) => frame.event === 'log')
        .flatMap((frame) => (frame.data as Array<{ line: string }>).map((line) => line.line)),
    ).toEqual(['third']);
  });
});
