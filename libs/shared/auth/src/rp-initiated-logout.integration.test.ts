import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelyingParty, ID_TOKEN_HINT_COOKIE } from './oidc-relying-party';

/** A discovery document over real HTTP, with or without an end_session_endpoint. */
async function startDiscovery(withEndSession: boolean): Promise<TFetchServer> {
  const server: TFetchServer = await startFetchServer((request) => {
    if (new URL(request.url).pathname !== '/.well-known/openid-configuration')
      return new Response('not found', { status: 404 });
    return Response.json({
      issuer: server.url,
      authorization_endpoint: `${server.url}/auth`,
      token_endpoint: `${server.url}/token`,
      jwks_uri: `${server.url}/jwks`,
      ...(withEndSession ? { end_session_endpoint: `${server.url}/session/end` } : {}),
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
  });
  return server;
}

const relyingParty = (issuer: string, secret = 'a-flow-secret-of-at-least-32-characters!') =>
  createRelyingParty({
    issuer,
    clientId: 'lumenforge-landing',
    clientSecret: 'client-secret',
    redirectUri: 'http://localhost:3000/api/auth/callback',
    scopes: 'openid email profile',
    algorithms: ['ES256'],
    secret,
    secureCookies: false,
    stepUpMaxAgeSeconds: 300,
  });

const ID_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.signature';

describe('RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0)', () => {
  let withEndSession: TFetchServer;
  let withoutEndSession: TFetchServer;
  beforeAll(async () => {
    withEndSession = await startDiscovery(true);
    withoutEndSession = await startDiscovery(false);
  });
  afterAll(async () => {
    await withEndSession?.close();
    await withoutEndSession?.close();
  });

  it('keeps the ID token sealed in an httpOnly cookie for LANDING auth routes, readable only with the secret', async () => {
    const rp = relyingParty(withEndSession.url);
    const setCookie = await rp.idTokenHintCookie(ID_TOKEN, 3600);
    expect(setCookie).toMatch(new RegExp(`^${ID_TOKEN_HINT_COOKIE}=`));
    expect(setCookie).toContain('Path=/api/auth');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Max-Age=3600');
    expect(setCookie).not.toContain(ID_TOKEN.split('.')[1]);
    const cookieHeader = `lf_session=x; ${setCookie?.split(';')[0]}`;
    expect(await rp.readIdTokenHint(cookieHeader)).toBe(ID_TOKEN);
    expect(await relyingParty(withEndSession.url, 'another-secret-of-at-least-32-chars!!').readIdTokenHint(cookieHeader)).toBeNull();
    expect(await rp.readIdTokenHint(`${ID_TOKEN_HINT_COOKIE}=forged`)).toBeNull();
    expect(await rp.readIdTokenHint(null)).toBeNull();
    expect(rp.clearIdTokenHintCookie()).toMatch(/^lf_id_hint=; .*Max-Age=0/);
  });

  it('builds the end-session URL with id_token_hint, client_id, post_logout_redirect_uri and state', async () => {
    const url = await relyingParty(withEndSession.url).endSessionUrl({
      postLogoutRedirectUri: 'http://localhost:3000/signin',
      idTokenHint: ID_TOKEN,
      state: 'signed-out',
    });
    const parsed = new URL(url ?? '');
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`${withEndSession.url}/session/end`);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      client_id: 'lumenforge-landing',
      id_token_hint: ID_TOKEN,
      post_logout_redirect_uri: 'http://localhost:3000/signin',
      state: 'signed-out',
    });
    const withoutHint = await relyingParty(withEndSession.url).endSessionUrl({
      postLogoutRedirectUri: 'http://localhost:3000/signin',
      idTokenHint: null,
      state: 'signed-out',
    });
    expect(new URL(withoutHint ?? '').searchParams.has('id_token_hint')).toBe(false);
  });

  it('answers null when the provider advertises no end_session_endpoint or cannot be reached', async () => {
    const input = { postLogoutRedirectUri: 'http://localhost:3000/signin', idTokenHint: ID_TOKEN, state: 's' };
    expect(await relyingParty(withoutEndSession.url).endSessionUrl(input)).toBeNull();
    expect(await relyingParty('http://127.0.0.1:9/').endSessionUrl(input)).toBeNull();
  });
});
