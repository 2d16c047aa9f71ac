import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, parseBearerToken } from './request-headers';

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const token68 = fc.stringMatching(TOKEN68);

describe('parseBearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER abc', 'abc'],
    ['BeArEr abc', 'abc'],
    ['Bearer    abc', 'abc'],
    ['Bearer lf_pat_0123456789abcdef', 'lf_pat_0123456789abcdef'],
    ['Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl', 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl'],
    ['Bearer a-b.c_d~e+f/g==', 'a-b.c_d~e+f/g=='],
  ])('%s → %s', (header, token) => {
    expect(parseBearerToken(header)).toBe(token);
  });

  it.each([
    ['missing', null],
    ['undefined', undefined],
    ['empty', ''],
    ['scheme only', 'Bearer'],
    ['scheme and space', 'Bearer '],
    ['no space', 'Bearerabc'],
    ['tab instead of space', 'Bearer\tabc'],
    ['other scheme', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l'],
    ['token scheme', 'Token abc'],
    ['leading space', ' Bearer abc'],
    ['trailing space', 'Bearer abc '],
    ['two tokens', 'Bearer abc def'],
    ['comma-separated credentials', 'Bearer abc, Basic xyz'],
    ['quoted token', 'Bearer "abc"'],
    ['padding in the middle', 'Bearer ab=c'],
    ['only padding', 'Bearer ='],
    ['non-ASCII', 'Bearer abcé'],
    ['newline', 'Bearer abc\nX-Evil: 1'],
  ])('%s → null', (_label, header) => {
    expect(parseBearerToken(header)).toBeNull();
  });

  it('never throws and returns only token68 strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ maxLength: 40 }).map((rest) => `Bearer ${rest}`),
          fc
            .array(fc.constantFrom('Bearer', 'bearer', ' ', '=', 'a', '/', '+', ',', '"', '\t'), {
              maxLength: 12,
            })
            .map((parts) => parts.join('')),
        ),
        (header) => {
          const token = parseBearerToken(header);
          if (token !== null) {
            expect(token).toMatch(TOKEN68);
            expect(header.toLowerCase().startsWith('bearer ')).toBe(true);
            expect(header.endsWith(token)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips `Bearer ${token}` for any token68, any scheme case and any run of spaces', () => {
    fc.assert(
      fc.property(
        token68,
        fc.constantFrom('Bearer', 'bearer', 'BEARER', 'bEaReR'),
        fc.integer({ min: 1, max: 5 }),
        (token, scheme, spaces) => {
          expect(parseBearerToken(`${scheme}${' '.repeat(spaces)}${token}`)).toBe(token);
        },
      ),
    );
  });
});

const ALLOWED = ['http://localhost:3000', 'http://localhost:3001', 'https://slate.lumenforge.io'];

function request(method: string, headers: Record<string, string> = {}): { method: string; headers: Headers } {
  return { method, headers: new Headers(headers) };
}

describe('checkRequestOrigin', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets %s through without an Origin', (method) => {
    expect(checkRequestOrigin(request(method), ALLOWED)).toEqual({ ok: true });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'PROPFIND'])(
    'lets %s through from an allowed origin',
    (method) => {
      expect(checkRequestOrigin(request(method, { origin: 'http://localhost:3001' }), ALLOWED)).toEqual({
        ok: true,
      });
      expect(checkRequestOrigin(request(method, { origin: 'https://slate.lumenforge.io' }), ALLOWED)).toEqual(
        {
          ok: true,
        },
      );
    },
  );

  it('works with a real Request', () => {
    const allowed = new Request('http://localhost:3000/api/tokens', {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
    });
    expect(checkRequestOrigin(allowed, ALLOWED)).toEqual({ ok: true });
    expect(
      checkRequestOrigin(new Request('http://localhost:3000/api/tokens', { method: 'POST' }), ALLOWED),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('refuses a missing Origin, naming the header', () => {
    expect(checkRequestOrigin(request('POST'), ALLOWED)).toEqual({
      ok: false,
      status: 403,
      message: 'POST requests must carry an Origin header: cross-site requests are refused',
    });
    expect(
      checkRequestOrigin(request('DELETE', { referer: 'http://localhost:3000/' }), ALLOWED),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Origin header/),
    });
  });

  it('refuses Origin: null', () => {
    expect(checkRequestOrigin(request('POST', { origin: 'null' }), ALLOWED)).toEqual({
      ok: false,
      status: 403,
      message: 'POST requests from an opaque origin (Origin: null) are refused',
    });
  });

  it.each([
    'https://evil.com',
    'http://localhost:3000.evil.com',
    'http://localhost:3002',
    'https://localhost:3000',
    'http://localhost:3000/',
    'HTTP://LOCALHOST:3000',
    'https://evil.slate.lumenforge.io',
    'https://lumenforge.io',
    'http://slate.lumenforge.io',
  ])('refuses Origin: %s', (origin) => {
    const result = checkRequestOrigin(request('PUT', { origin }), ALLOWED);
    expect(result).toEqual({
      ok: false,
      status: 403,
      message: "PUT requests from another site are refused: the Origin is not one of the platform's",
    });
  });

  it('normalizes the allowed origins and throws on a misconfigured one', () => {
    expect(
      checkRequestOrigin(request('POST', { origin: 'https://slate.lumenforge.io' }), [
        'HTTPS://SLATE.lumenforge.io/',
      ]),
    ).toEqual({
      ok: true,
    });
    expect(() => checkRequestOrigin(request('POST', { origin: 'x' }), ['slate.lumenforge.io'])).toThrow(
      TypeError,
    );
    expect(() => checkRequestOrigin(request('POST', { origin: 'x' }), ['https://lumenforge.io/app'])).toThrow(
      TypeError,
    );
  });

  it('refuses every non-safe method whose Origin is not exactly allowed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
        fc.oneof(fc.string({ maxLength: 40 }), fc.webUrl(), fc.constantFrom(...ALLOWED)),
        (method, origin) => {
          let headers: Headers;
          try {
            headers = new Headers({ origin });
          } catch {
            return; // not a valid header value at all
          }
          const result = checkRequestOrigin({ method, headers }, ALLOWED);
          expect(result.ok).toBe(ALLOWED.includes(headers.get('origin') ?? ''));
        },
      ),
    );
  });
});
