import { describe, expect, it } from 'vitest';
import { parseEventStream, readEventStream, type TStreamEvent } from './event-stream';

/** A body that hands out `chunks` one read at a time, as a slow network would. */
function chunkedBody(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
}

describe('parseEventStream', () => {
  it('names events, joins data lines, skips comments and keeps the unfinished rest', () => {
    const { events, rest } = parseEventStream(
      ': keep-alive\n\nevent: progress\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\nevent: result\ndata: {"b"',
    );
    expect(events).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'message', data: 'line one\nline two' },
    ]);
    expect(rest).toBe('event: result\ndata: {"b"');
  });

  it('accepts CRLF line ends and a field without a space after the colon', () => {
    expect(parseEventStream('event:error\r\ndata:{"status":429}\r\n\r\n').events).toEqual([
      { event: 'error', data: '{"status":429}' },
    ]);
  });
});

describe('readEventStream', () => {
  it('delivers each event once it is complete, across chunk and multi-byte boundaries', async () => {
    const events: TStreamEvent[] = [];
    const text =
      'event: progress\ndata: {"message":"Design expert – layout"}\n\nevent: result\ndata: {"ok":true}\n\n';
    const bytes = new TextEncoder().encode(text);
    // Split inside the three-byte "–" so the decoder has to carry half a character over.
    const dash = text.indexOf('–');
    const cut = new TextEncoder().encode(text.slice(0, dash)).length + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut, cut + 20));
        controller.enqueue(bytes.slice(cut + 20));
        controller.close();
      },
    });
    await readEventStream(body, (event) => events.push(event));
    expect(events).toEqual([
      { event: 'progress', data: '{"message":"Design expert – layout"}' },
      { event: 'result', data: '{"ok":true}' },
    ]);
  });

  it('delivers a last event that the server ended without a blank line', async () => {
    const events: TStreamEvent[] = [];
    await readEventStream(chunkedBody(['event: result\n', 'data: {"done":1}']), (event) =>
      events.push(event),
    );
    expect(events).toEqual([{ event: 'result', data: '{"done":1}' }]);
  });
});
