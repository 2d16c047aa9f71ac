// `;` ends a directive and `,` separates policies in a header list: either in a source would let a
// configured value add directives or a second, weaker policy. Whitespace separates sources.
const UNSAFE_SOURCE = /[;,\s]/;
const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

export type TSecurityHeadersOptions = {
  /** The per-request nonce (`createNonce()`), also given to Next.js through the request's CSP header. */
  nonce: string;
  /** Adds `upgrade-insecure-requests` and `Strict-Transport-Security`. */
  isProduction: boolean;
  /** `next dev`: allows `'unsafe-eval'` (React's dev tooling) and `ws:` (hot reload). */
  isDevServer?: boolean;
  /** Extra `connect-src` sources, e.g. the API or event-stream origins of other systems. */
  connectSources?: readonly string[];
  /** Extra `form-action` sources, e.g. the identity provider a sign-in form posts to. */
  formActions?: readonly string[];
  /** Origins the page may embed in iframes (`frame-src`), e.g. IGNIS's sandboxed preview origin. */
  frameSources?: readonly string[];
  /** Extra `font-src` sources, e.g. `data:` for Monaco's codicon font, which its CSS inlines. */
  fontSources?: readonly string[];
};

/**
 * Response headers every system sends: a nonce-based Content-Security-Policy (`'strict-dynamic'`:
 * only scripts carrying the nonce, and scripts they load, run), no framing, no MIME sniffing, a
 * strict referrer policy, a same-origin opener, camera/microphone/geolocation off, and HSTS (two
 * years, subdomains) in production.
 *
 * @throws TypeError when the nonce is not base64 or a source holds `;`, `,` or whitespace.
 */
export function securityHeaders(options: TSecurityHeadersOptions): Record<string, string> {
  if (!NONCE.test(options.nonce))
    throw new TypeError('securityHeaders: the nonce must be base64 (createNonce())');
  const connectSources = validSources('connectSources', options.connectSources);
  const formActions = validSources('formActions', options.formActions);
  const frameSources = validSources('frameSources', options.frameSources);
  const fontSources = validSources('fontSources', options.fontSources);
  const isDevServer = options.isDevServer === true;

  const directives = [
    "default-src 'self'",
    [
      'script-src',
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(isDevServer ? ["'unsafe-eval'"] : []),
    ].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ['font-src', "'self'", ...fontSources].join(' '),
    ['connect-src', "'self'", ...connectSources, ...(isDevServer ? ['ws:'] : [])].join(' '),
    ...(frameSources.length > 0 ? [['frame-src', ...frameSources].join(' ')] : []),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    ['form-action', "'self'", ...formActions].join(' '),
    "object-src 'none'",
    ...(options.isProduction ? ['upgrade-insecure-requests'] : []),
  ];

  return {
    'Content-Security-Policy': directives.join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.isProduction ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/**
 * A fresh CSP nonce: 16 random bytes, base64. Web Crypto only, so it runs in proxy.ts and the edge
 * runtime as well as in Node.
 */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function validSources(option: string, sources: readonly string[] | undefined): readonly string[] {
  for (const source of sources ?? [])
    if (source.length === 0 || UNSAFE_SOURCE.test(source))
      throw new TypeError(
        `securityHeaders: ${option} entry ${JSON.stringify(source)} must be one CSP source, without ";", "," or whitespace`,
      );
  return sources ?? [];
}
