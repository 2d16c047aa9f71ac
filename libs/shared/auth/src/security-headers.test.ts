import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNonce, securityHeaders } from './security-headers';

const NONCE = 'AAECAwQFBgcICQoLDA0ODw==';

function directives(headers: Record<string, string>): Map<string, string[]> {
  const csp = headers['Content-Security-Policy'] ?? '';
  return new Map(
    csp.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );
}

describe('securityHeaders', () => {
  it('sends the full production set', () => {
    const headers = securityHeaders({ nonce: NONCE, isProduction: true });
    expect(headers).toEqual({
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self' 'nonce-AAECAwQFBgcICQoLDA0ODw==' 'strict-dynamic'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'; upgrade-insecure-requests",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    });
  });

  it('leaves out HSTS and upgrade-insecure-requests outside production (http://localhost)', () => {
    const headers = securityHeaders({ nonce: NONCE, isProduction: false });
    expect(headers).not.toHaveProperty('Strict-Transport-Security');
    expect(directives(headers).has('upgrade-insecure-requests')).toBe(false);
    expect(directives(headers).get('script-src')).not.toContain("'unsafe-eval'");
  });

  it("allows 'unsafe-eval' and ws: only for the dev server", () => {
    const dev = directives(securityHeaders({ nonce: NONCE, isProduction: false, isDevServer: true }));
    expect(dev.get('script-src')).toEqual([
      "'self'",
      `'nonce-${NONCE}'`,
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws:']);
    const production = directives(securityHeaders({ nonce: NONCE, isProduction: true, isDevServer: false }));
    expect(production.get('script-src')).not.toContain("'unsafe-eval'");
    expect(production.get('connect-src')).not.toContain('ws:');
  });

  it('lets a page frame only the origins it names (IGNIS previews), and no frame-src otherwise', () => {
    expect(directives(securityHeaders({ nonce: NONCE, isProduction: false })).has('frame-src')).toBe(false);
    const csp = directives(
      securityHeaders({ nonce: NONCE, isProduction: false, frameSources: ['http://127.0.0.1:24678'] }),
    );
    expect(csp.get('frame-src')).toEqual(['http://127.0.0.1:24678']);
    expect(() =>
      securityHeaders({
        nonce: NONCE,
        isProduction: false,
        frameSources: ["http://x; script-src 'unsafe-inline'"],
      }),
    ).toThrow(TypeError);
  });

  it("adds font sources only where asked (data: for Monaco's inlined icon font)", () => {
    expect(directives(securityHeaders({ nonce: NONCE, isProduction: false })).get('font-src')).toEqual([
      "'self'",
    ]);
    const csp = directives(securityHeaders({ nonce: NONCE, isProduction: false, fontSources: ['data:'] }));
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(() => securityHeaders({ nonce: NONCE, isProduction: false, fontSources: ['data: *'] })).toThrow(
      TypeError,
    );
  });

  it('adds connect and form-action sources', () => {
    const csp = directives(
      securityHeaders({
        nonce: NONCE,
        isProduction: true,
        connectSources: ['https://slate.lumenforge.io', 'wss://events.lumenforge.io'],
        formActions: ['https://id.lumenforge.io'],
      }),
    );
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'https://slate.lumenforge.io',
      'wss://events.lumenforge.io',
    ]);
    expect(csp.get('form-action')).toEqual(["'self'", 'https://id.lumenforge.io']);
  });

  it.each([
    ['a ";" (extra directive)', { connectSources: ["https://a.io; script-src 'unsafe-inline'"] }],
    ['a space', { connectSources: ['https://a.io https://b.io'] }],
    ['a newline', { formActions: ['https://a.io\nX-Evil: 1'] }],
    ['a tab', { formActions: ['https://a.io\t'] }],
    ['a "," (second policy)', { connectSources: ['https://a.io,script-src *'] }],
    ['an empty source', { formActions: [''] }],
  ])('throws on a source with %s', (_label, options) => {
    expect(() => securityHeaders({ nonce: NONCE, isProduction: true, ...options })).toThrow(TypeError);
  });

  it.each(["abc' 'unsafe-inline", 'a b', '', 'abc;', 'abc==='])('throws on the nonce %j', (nonce) => {
    expect(() => securityHeaders({ nonce, isProduction: true })).toThrow(TypeError);
  });

  it('never lets a source add a directive or a policy', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), (sources) => {
        let headers: Record<string, string>;
        try {
          headers = securityHeaders({ nonce: createNonce(), isProduction: true, connectSources: sources });
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        const csp = headers['Content-Security-Policy'] ?? '';
        expect(csp.split(';')).toHaveLength(11);
        expect(csp).not.toContain(',');
        expect(directives(headers).get('connect-src')).toEqual(["'self'", ...sources]);
      }),
    );
  });
});

describe('createNonce', () => {
  it('is 16 random bytes in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });

  it('is accepted by securityHeaders', () => {
    const nonce = createNonce();
    expect(securityHeaders({ nonce, isProduction: false })['Content-Security-Policy']).toContain(
      `'nonce-${nonce}'`,
    );
  });
});
