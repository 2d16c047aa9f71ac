// Server-Sent Events read from a fetch body: `POST /api/generations` streams its progress, and
// EventSource can only GET. Browser and Node alike (ReadableStream + TextDecoder).

export type TStreamEvent = { event: string; data: string };

/**
 * Splits SSE text into events: blocks separated by a blank line, `event:` names it (default
 * `message`), `data:` lines are joined with newlines, `:` comments and other fields are skipped.
 * Returns the complete events and the unfinished rest to prepend to the next chunk.
 */
export function parseEventStream(buffer: string): { events: TStreamEvent[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: TStreamEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Reads `body` to its end, calling `onEvent` for each event as soon as it is complete. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: TStreamEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() + '\n\n' : decoder.decode(value, { stream: true });
    const { events, rest } = parseEventStream(buffer);
    buffer = rest;
    for (const event of events) onEvent(event);
    if (done) return;
  }
}
