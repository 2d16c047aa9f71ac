import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETURN_URL_LENGTH, safeReturnUrl } from './return-url';

const LOCAL_ORIGINS = [3000, 3001, 3002, 3003, 3004, 3005].map((port) => `http://localhost:${port}`);
const PRODUCTION_ORIGINS = [
  'https://lumenforge.io',
  ...['slate', 'ignition', 'spark', 'ignis', 'waypoint'].map((id) => `https://${id}.lumenforge.io`),
];
const FALLBACK = 'http://localhost:3000/';
const local = { allowedOrigins: LOCAL_ORIGINS, fallback: FALLBACK };
const production = { allowedOrigins: PRODUCTION_ORIGINS, fallback: 'https://lumenforge.io/' };

// A value no input can produce, so properties can tell "refused" from "allowed".
const SENTINEL = 'about:fallback';

describe('safeReturnUrl: allowed', () => {
  it.each([
    ['/', 'http://localhost:3000/'],
    ['/dashboard', 'http://localhost:3000/dashboard'],
    ['/tokens?tab=colors#primary', 'http://localhost:3000/tokens?tab=colors#primary'],
    ['/a/b/../c', 'http://localhost:3000/a/c'],
    ['/my%20file', 'http://localhost:3000/my%20file'],
    ['/search?q=%2F%2Fevil.com', 'http://localhost:3000/search?q=%2F%2Fevil.com'],
    ['/next?to=https://evil.com', 'http://localhost:3000/next?to=https://evil.com'],
    ['http://localhost:3001/editor', 'http://localhost:3001/editor'],
    ['http://localhost:3005', 'http://localhost:3005/'],
    ['HTTP://LOCALHOST:3002/Case', 'http://localhost:3002/Case'],
  ])('%s → %s', (raw, expected) => {
    expect(safeReturnUrl(raw, local)).toBe(expected);
  });

  it('accepts every production system and resolves paths against the first origin', () => {
    expect(safeReturnUrl('https://slate.lumenforge.io/tokens', production)).toBe(
      'https://slate.lumenforge.io/tokens',
    );
    expect(safeReturnUrl('https://waypoint.lumenforge.io:443/x', production)).toBe(
      'https://waypoint.lumenforge.io/x',
    );
    expect(safeReturnUrl('/welcome', production)).toBe('https://lumenforge.io/welcome');
  });

  it('normalizes allowed origins given with a trailing slash or upper case', () => {
    const options = { allowedOrigins: ['HTTPS://Slate.LumenForge.io/'], fallback: SENTINEL };
    expect(safeReturnUrl('https://slate.lumenforge.io/a', options)).toBe('https://slate.lumenforge.io/a');
    expect(safeReturnUrl('/a', options)).toBe('https://slate.lumenforge.io/a');
  });
});

describe('safeReturnUrl: refused', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/localhost:3000'],
    ['slash backslash', '/\\evil.com'],
    ['double backslash', '\\\\evil.com'],
    ['backslash in path', '/a\\b'],
    ['tab stripped by browsers', '/\t/evil.com'],
    ['newline stripped by browsers', '/\n/evil.com'],
    ['carriage return', '/\r/evil.com'],
    ['NUL', '/\u0000/evil.com'],
    ['leading space', ' /dashboard'],
    ['trailing space', '/dashboard '],
    ['no-break space', '/\u00a0/evil.com'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['javascript scheme, mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript scheme with slashes', 'javascript://%0Aalert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['file scheme', 'file:///etc/passwd'],
    ['ftp scheme', 'ftp://localhost:3000/'],
    ['scheme without slashes', 'http:localhost:3000/x'],
    ['scheme with one slash', 'http:/localhost:3000/x'],
    ['relative without slash', 'dashboard'],
    ['dot relative', './dashboard'],
    ['foreign origin', 'https://evil.com/'],
    ['look-alike suffix', 'http://localhost:3000.evil.com/'],
    ['userinfo trick', 'http://localhost:3000@evil.com/'],
    ['userinfo on an allowed origin', 'http://user:pass@localhost:3000/'],
    ['empty userinfo', 'http://@localhost:3000/'],
    ['other port', 'http://localhost:3006/'],
    ['https instead of http', 'https://localhost:3000/'],
    ['encoded double slash', '/%2F%2Fevil.com'],
    ['encoded double slash, lower case', '/%2f%2fevil.com'],
    ['encoded slash after slash', '/%2Fevil.com'],
    ['double-encoded double slash', '/%252F%252Fevil.com'],
    ['triple-encoded', '/%25252F%25252Fevil.com'],
    ['encoded backslash', '/%5Cevil.com'],
    ['encoded tab', '/%09/evil.com'],
    ['encoded newline', '/%0A/evil.com'],
    ['broken percent-encoding', '/100%'],
    ['encoded slashes on an absolute URL', 'http://localhost:3000/%2F%2Fevil.com'],
    ['dot segments reaching a double slash', '/..//evil.com'],
  ])('%s', (_label, raw) => {
    expect(safeReturnUrl(raw, local)).toBe(FALLBACK);
  });

  it(`refuses anything over ${MAX_RETURN_URL_LENGTH} characters`, () => {
    const path = `/${'a'.repeat(MAX_RETURN_URL_LENGTH - 1)}`;
    expect(safeReturnUrl(path, local)).toBe(`http://localhost:3000${path}`);
    expect(safeReturnUrl(`${path}a`, local)).toBe(FALLBACK);
  });

  it('refuses relative paths when no origin is allowed', () => {
    expect(safeReturnUrl('/dashboard', { allowedOrigins: [], fallback: SENTINEL })).toBe(SENTINEL);
  });

  it('throws on a misconfigured allowed origin rather than widening it', () => {
    for (const origin of ['localhost:3000', 'https://lumenforge.io/app', 'javascript:x', 'https://a@b.io'])
      expect(() => safeReturnUrl('/x', { allowedOrigins: [origin], fallback: SENTINEL })).toThrow(TypeError);
  });
});

/** The property every caller relies on: either one of our origins, or the fallback. */
function expectAllowedOrFallback(result: string, allowedOrigins: readonly string[]): void {
  if (result === SENTINEL) return;
  const url = new URL(result);
  expect(allowedOrigins).toContain(url.origin);
  expect(url.username).toBe('');
  expect(url.password).toBe('');
  // The serialized result must parse back to itself (no parser differential left in it).
  expect(new URL(url.href).href).toBe(result);
  expect(url.pathname.startsWith('//')).toBe(false);
}

// Pieces of known open-redirect payloads, glued in random orders.
const ATTACK_FRAGMENTS = [
  '/',
  '//',
  '\\',
  '/\\',
  '\t',
  '\n',
  ' ',
  '%2F',
  '%2f',
  '%5C',
  '%09',
  '%25',
  '%',
  '@',
  ':',
  '.',
  '..',
  '?',
  '#',
  'http:',
  'https:',
  'HTTP://',
  'https://',
  'javascript:',
  'data:',
  'evil.com',
  'localhost',
  'localhost:3000',
  ':3000',
  'lumenforge.io',
  'slate.lumenforge.io',
  '\u3002',
  '\uff0f',
  '\u0000',
];
const attackString = fc
  .array(fc.constantFrom(...ATTACK_FRAGMENTS), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('safeReturnUrl: properties', () => {
  it('returns an allowed origin or the fallback for any string', () => {
    for (const allowedOrigins of [LOCAL_ORIGINS, PRODUCTION_ORIGINS])
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), attackString), (raw) => {
          expectAllowedOrFallback(safeReturnUrl(raw, { allowedOrigins, fallback: SENTINEL }), allowedOrigins);
        }),
        { numRuns: 2000 },
      );
  });

  it('returns an allowed origin or the fallback for any URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => {
        expectAllowedOrFallback(
          safeReturnUrl(raw, { allowedOrigins: PRODUCTION_ORIGINS, fallback: SENTINEL }),
          PRODUCTION_ORIGINS,
        );
      }),
    );
  });

  it('keeps any plain path on the first origin', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const path = `/${segments.join('/')}`;
        expect(safeReturnUrl(path, { allowedOrigins: LOCAL_ORIGINS, fallback: SENTINEL })).toBe(
          new URL(path, 'http://localhost:3000').href,
        );
      }),
    );
  });

  it('accepts any path on any allowed origin, absolute', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRODUCTION_ORIGINS), fc.webPath(), (origin, path) => {
        const result = safeReturnUrl(`${origin}${path}`, {
          allowedOrigins: PRODUCTION_ORIGINS,
          fallback: SENTINEL,
        });
        expectAllowedOrFallback(result, PRODUCTION_ORIGINS);
        if (!path.startsWith('//') && !path.includes('%'))
          expect(result).toBe(new URL(`${origin}${path}`).href);
      }),
    );
  });
});
