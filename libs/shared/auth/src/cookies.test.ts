import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SESSION_COOKIE_NAME,
  clearedCookie,
  parseCookieHeader,
  serializeCookie,
  sessionCookieOptions,
} from './cookies';

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const COOKIE_OCTET_CHARS = Array.from({ length: 0x7f - 0x21 }, (_, i) =>
  String.fromCharCode(0x21 + i),
).filter((char) => !['"', ',', ';', '\\'].includes(char));
const cookieName = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 20 });
const cookieValue = fc.string({ unit: fc.constantFrom(...COOKIE_OCTET_CHARS), maxLength: 60 });

describe('parseCookieHeader', () => {
  it('reads name=value pairs separated by "; "', () => {
    expect(parseCookieHeader('lf_session=abc.DEF-123_~; theme=dark')).toEqual(
      new Map([
        ['lf_session', 'abc.DEF-123_~'],
        ['theme', 'dark'],
      ]),
    );
  });

  it('returns an empty map for a missing or empty header', () => {
    expect(parseCookieHeader(null).size).toBe(0);
    expect(parseCookieHeader(undefined).size).toBe(0);
    expect(parseCookieHeader('').size).toBe(0);
  });

  it('keeps the first occurrence of a name (the most specific cookie, as browsers order them)', () => {
    expect(parseCookieHeader('lf_session=first; lf_session=second').get('lf_session')).toBe('first');
  });

  it('removes surrounding double quotes only', () => {
    const cookies = parseCookieHeader('a="quoted"; b="; c=in"side; d=""');
    expect(cookies.get('a')).toBe('quoted');
    expect(cookies.get('b')).toBe('"');
    expect(cookies.get('c')).toBe('in"side');
    expect(cookies.get('d')).toBe('');
  });

  it('keeps "=" inside values and does not percent-decode', () => {
    const cookies = parseCookieHeader('token=YWJj==; path=%2Fhome%20x');
    expect(cookies.get('token')).toBe('YWJj==');
    expect(cookies.get('path')).toBe('%2Fhome%20x');
  });

  it('tolerates junk: extra separators, spaces, tabs, segments without "=" or a valid name', () => {
    const cookies = parseCookieHeader(';; \t a = 1 \t;junk; =novalue; b c=2; ;d=4;;');
    expect(cookies).toEqual(
      new Map([
        ['a', '1'],
        ['d', '4'],
      ]),
    );
  });

  it('handles a long run of spaces quickly (no regex backtracking)', () => {
    const header = `a=${' '.repeat(100_000)}x; b=${' '.repeat(100_000)}`;
    const started = performance.now();
    expect(parseCookieHeader(header).get('b')).toBe('');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('serializeCookie', () => {
  it('writes the value and every attribute', () => {
    expect(
      serializeCookie('lf_session', 'abc', {
        domain: 'LumenForge.io',
        path: '/',
        expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
        maxAgeSeconds: 3600,
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
      }),
    ).toBe(
      'lf_session=abc; Domain=lumenforge.io; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; HttpOnly; Secure; SameSite=Strict',
    );
  });

  it('writes only name=value without options', () => {
    expect(serializeCookie('a', 'b')).toBe('a=b');
    expect(serializeCookie('a', '')).toBe('a=');
  });

  it.each([
    ['an empty name', '', 'v'],
    ['a space in the name', 'a b', 'v'],
    ['"=" in the name', 'a=b', 'v'],
    ['";" in the name', 'a;b', 'v'],
    ['a non-ASCII name', 'café', 'v'],
    ['a value with "; Domain="', 'lf_session', 'x; Domain=evil.com'],
    ['a value with ";"', 'a', 'x;y'],
    ['a value with a space', 'a', 'x y'],
    ['a value with a comma', 'a', 'x,y'],
    ['a value with a double quote', 'a', '"x"'],
    ['a value with a backslash', 'a', 'x\\y'],
    ['a value with CR LF (header splitting)', 'a', 'x\r\nSet-Cookie: evil=1'],
    ['a value with a tab', 'a', 'x\ty'],
    ['a non-ASCII value', 'a', 'é'],
  ])('throws on %s', (_label, name, value) => {
    expect(() => serializeCookie(name, value)).toThrow(TypeError);
  });

  it('throws on a name and value over 4096 bytes', () => {
    expect(() => serializeCookie('a', 'x'.repeat(4095))).not.toThrow();
    expect(() => serializeCookie('a', 'x'.repeat(4096))).toThrow(/4096/);
  });

  it.each([
    ['a fractional Max-Age', { maxAgeSeconds: 1.5 }],
    ['a negative Max-Age', { maxAgeSeconds: -1 }],
    ['a NaN Max-Age', { maxAgeSeconds: Number.NaN }],
    ['an infinite Max-Age', { maxAgeSeconds: Number.POSITIVE_INFINITY }],
    ['an invalid Expires', { expires: new Date('nope') }],
    ['a Domain with ";"', { domain: 'lumenforge.io; Secure' }],
    ['a Domain with a space', { domain: 'lumen forge.io' }],
    ['a Domain with a port', { domain: 'localhost:3000' }],
    ['a Domain with an empty label', { domain: 'lumenforge..io' }],
    ['a Domain with a trailing dot', { domain: 'lumenforge.io.' }],
    ['an empty Domain', { domain: '' }],
    ['a Domain label starting with "-"', { domain: '-lumenforge.io' }],
    ['a Domain label over 63 characters', { domain: `${'a'.repeat(64)}.io` }],
    ['a relative Path', { path: 'admin' }],
    ['a Path with ";"', { path: '/; Domain=evil.com' }],
    ['a Path with a newline', { path: '/\n' }],
    ['SameSite=None without Secure', { sameSite: 'None' as const }],
    ['an unknown SameSite', { sameSite: 'Sometimes' as never }],
  ])('throws on %s', (_label, options) => {
    expect(() => serializeCookie('a', 'b', options)).toThrow(TypeError);
  });

  it('accepts a leading dot in Domain, IP literals and SameSite=None with Secure', () => {
    expect(serializeCookie('a', 'b', { domain: '.lumenforge.io' })).toBe('a=b; Domain=.lumenforge.io');
    expect(serializeCookie('a', 'b', { domain: '127.0.0.1' })).toBe('a=b; Domain=127.0.0.1');
    expect(serializeCookie('a', 'b', { sameSite: 'None', secure: true })).toBe('a=b; Secure; SameSite=None');
  });

  it('enforces the __Secure- and __Host- prefix rules', () => {
    expect(() => serializeCookie('__Secure-a', 'b')).toThrow(/Secure/);
    expect(serializeCookie('__Secure-a', 'b', { secure: true })).toBe('__Secure-a=b; Secure');
    expect(() => serializeCookie('__Host-a', 'b', { secure: true })).toThrow(/Path=\//);
    expect(() =>
      serializeCookie('__Host-a', 'b', { secure: true, path: '/', domain: 'lumenforge.io' }),
    ).toThrow(/no Domain/);
    expect(serializeCookie('__Host-a', 'b', { secure: true, path: '/' })).toBe('__Host-a=b; Path=/; Secure');
  });
});

describe('session cookie helpers', () => {
  it('sessionCookieOptions: HttpOnly, SameSite=Lax, Path=/, Secure and Domain in production', () => {
    const options = sessionCookieOptions({ domain: 'lumenforge.io', secure: true, maxAgeSeconds: 604800 });
    expect(options).toEqual({
      domain: 'lumenforge.io',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      maxAgeSeconds: 604800,
    });
    expect(serializeCookie(SESSION_COOKIE_NAME, 'tok', options)).toBe(
      'lf_session=tok; Domain=lumenforge.io; Path=/; Max-Age=604800; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('sessionCookieOptions: host-only and not Secure locally', () => {
    const options = sessionCookieOptions({ secure: false, maxAgeSeconds: 60 });
    expect(options).not.toHaveProperty('domain');
    expect(serializeCookie(SESSION_COOKIE_NAME, 'tok', options)).toBe(
      'lf_session=tok; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    );
    expect(sessionCookieOptions({ domain: '', secure: false, maxAgeSeconds: 60 })).not.toHaveProperty(
      'domain',
    );
  });

  it('clearedCookie expires the cookie with the same Domain and Path, so the browser replaces it', () => {
    expect(clearedCookie(SESSION_COOKIE_NAME, { domain: 'lumenforge.io', secure: true })).toBe(
      'lf_session=; Domain=lumenforge.io; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Secure; SameSite=Lax',
    );
    expect(clearedCookie(SESSION_COOKIE_NAME, { secure: false })).toBe(
      'lf_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });
});

describe('cookies: properties', () => {
  it('parse(serialize(name, value)) gives the value back', () => {
    fc.assert(
      fc.property(cookieName, cookieValue, (name, value) => {
        expect(parseCookieHeader(serializeCookie(name, value)).get(name)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('a Cookie header of several serialized pairs gives every value back, first one winning', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 8 }), (pairs) => {
        const header = pairs.map(([name, value]) => serializeCookie(name, value)).join('; ');
        const parsed = parseCookieHeader(header);
        for (const [name] of pairs)
          expect(parsed.get(name)).toBe(pairs.find(([other]) => other === name)?.[1]);
        expect(parsed.size).toBe(new Set(pairs.map(([name]) => name)).size);
      }),
    );
  });

  it('parse never throws and yields only token names', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .array(fc.constantFrom('=', ';', ' ', '"', '\t', 'a', 'lf_session', '%', ','), { maxLength: 30 })
            .map((parts) => parts.join('')),
        ),
        (header) => {
          for (const name of parseCookieHeader(header).keys())
            expect(name).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('serializeCookie never emits an attribute smuggled in through the value', () => {
    const smuggled = fc
      .tuple(
        cookieValue,
        fc.constantFrom('; Domain=evil.com', ';Domain=evil.com', '; Path=/', '\r\nX: y', ', b=c'),
        cookieValue,
      )
      .map(([before, injected, after]) => `${before}${injected}${after}`);
    fc.assert(
      fc.property(cookieName, smuggled, (name, value) => {
        expect(() =>
          serializeCookie(name, value, sessionCookieOptions({ secure: true, maxAgeSeconds: 60 })),
        ).toThrow(TypeError);
      }),
    );
  });

  it('serializeCookie either throws or emits exactly the attributes it was given', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (name, value) => {
          let header: string;
          try {
            header = serializeCookie(name, value, { path: '/', secure: true });
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            return;
          }
          expect(header).toBe(`${name}=${value}; Path=/; Secure`);
          expect(header.split(';')).toHaveLength(3);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
