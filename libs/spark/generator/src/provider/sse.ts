// Server-sent events as OpenAI-compatible servers send them: `data: …` lines, events separated by a
// blank line, CRLF or LF, `:` comments as keep-alives (OpenRouter, vLLM), chunks split anywhere —
// even inside a multi-byte character or between the CR and the LF.

/** One event's joined `data:` lines (several data lines are joined with a newline, as in the spec). */
export type TSseEvent = { event: string | null; data: string };

/**
 * Incremental SSE parser: `push` any chunk of text, get the events it completed. `end` flushes an
 * event the stream ended without a blank line after (some servers close right after `[DONE]`).
 */
export function createSseParser() {
  let buffer = '';
  let dataLines: string[] = [];
  let eventName: string | null = null;

  function takeEvent(): TSseEvent | null {
    if (dataLines.length === 0) {
      eventName = null;
      return null;
    }
    const event = { event: eventName, data: dataLines.join('\n') };
    dataLines = [];
    eventName = null;
    return event;
  }

  function readLine(line: string, events: TSseEvent[]) {
    if (line === '') {
      const event = takeEvent();
      if (event) events.push(event);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventName = value;
  }

  return {
    push(chunk: string): TSseEvent[] {
      buffer += chunk;
      const events: TSseEvent[] = [];
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A lone CR at the end may be the first half of a CRLF split across chunks: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        readLine(buffer.slice(0, match.index), events);
        buffer = buffer.slice(match.index + match[0].length);
      }
      return events;
    },
    end(): TSseEvent[] {
      const events: TSseEvent[] = [];
      if (buffer !== '') readLine(buffer.replace(/\r$/, ''), events);
      buffer = '';
      const event = takeEvent();
      if (event) events.push(event);
      return events;
    },
  };
}
