import { describe, expect, it } from 'vitest';
import { createSseParser, type TSseEvent } from './sse';

const STREAM =
  ': keep-alive\r\n\r\n' +
  'data: {"choices":[{"delta":{"content":"Hé"}}]}\r\n\r\n' +
  'event: message\ndata: {"choices":[{"delta":{"content":"llo ✓"}}]}\n\n' +
  'data: line one\ndata: line two\n\n' +
  ': ping\n\n' +
  'data: [DONE]\n\n';

const EXPECTED: TSseEvent[] = [
  { event: null, data: '{"choices":[{"delta":{"content":"Hé"}}]}' },
  { event: 'message', data: '{"choices":[{"delta":{"content":"llo ✓"}}]}' },
  { event: null, data: 'line one\nline two' },
  { event: null, data: '[DONE]' },
];

describe('createSseParser', () => {
  it('reads events, CRLF and LF alike, skipping comments and keep-alives', () => {
    const parser = createSseParser();
    expect([...parser.push(STREAM), ...parser.end()]).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split (every split point, also between CR and LF)', () => {
    const bytes = new TextEncoder().encode(STREAM);
    for (let first = 1; first < bytes.length; first += 1) {
      for (const second of [first + 1, first + 3, bytes.length]) {
        const parser = createSseParser();
        const decoder = new TextDecoder();
        const events = [
          ...parser.push(decoder.decode(bytes.subarray(0, first), { stream: true })),
          ...parser.push(decoder.decode(bytes.subarray(first, second), { stream: true })),
          ...parser.push(decoder.decode(bytes.subarray(second), { stream: true })),
          ...parser.push(decoder.decode()),
          ...parser.end(),
        ];
        expect(events, `split at ${first}/${second}`).toEqual(EXPECTED);
      }
    }
  });

  it('flushes a last event the server ended without a blank line', () => {
    const parser = createSseParser();
    expect(parser.push('data: {"a":1}\n\ndata: [DONE]')).toEqual([{ event: null, data: '{"a":1}' }]);
    expect(parser.end()).toEqual([{ event: null, data: '[DONE]' }]);
  });
});
