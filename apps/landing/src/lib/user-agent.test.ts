import { describe, expect, it } from 'vitest';
import { summarizeUserAgent } from './user-agent';

describe('summarizeUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome 131 on macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51',
      'Edge 131 on Windows',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on Linux'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17 on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome 131 on Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
      'Headless Chrome 131 on Linux',
    ],
    ['curl/8.5.0', 'curl 8.5'],
    ['node', 'Node.js'],
    ['Go-http-client/1.1', 'Go 1.1'],
  ])('%s → %s', (userAgent, expected) => {
    expect(summarizeUserAgent(userAgent)).toBe(expected);
  });

  it('says "Unknown device" for a missing or blank user agent', () => {
    expect(summarizeUserAgent(null)).toBe('Unknown device');
    expect(summarizeUserAgent(undefined)).toBe('Unknown device');
    expect(summarizeUserAgent('   ')).toBe('Unknown device');
  });

  it('shows an unrecognised user agent as it is, cut to 60 characters', () => {
    expect(summarizeUserAgent('my-bot')).toBe('my-bot');
    const long = `x${'y'.repeat(100)}`;
    const summary = summarizeUserAgent(long);
    expect(summary).toHaveLength(60);
    expect(summary.endsWith('…')).toBe(true);
  });
});
