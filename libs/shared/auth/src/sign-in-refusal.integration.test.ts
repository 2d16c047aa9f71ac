import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFailedSignIn } from './account-service';
import { createRelyingParty, SignInError, type TRelyingParty } from './oidc-relying-party';

const CLIENT_ID = 'landing';
const CLIENT_SECRET = 'client-secret-that-must-not-be-logged';
const REDIRECT_URI = 'http://localhost:3000/api/auth/callback';

type TForgery = (claims: Record<string, unknown>) => Promise<string>;

/**
 * A stand-in OpenID provider over real HTTP: discovery, a JWKS with one ES256 key, and a token
 * endpoint that answers every code with the ID token the current test forged.
 */
async function startProvider() {
  const trusted = await generateKeyPair('ES256', { extractable: true });
  const publicJwk: JWK = {
    ...(await exportJWK(trusted.publicKey)),
    kid: 'trusted',
    alg: 'ES256',
    use: 'sig',
  };
  let nextIdToken = '';
  const server: TFetchServer = await startFetchServer(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/.well-known/openid-configuration')
      return Response.json({
        issuer: issuer(),
        authorization_endpoint: `${issuer()}/auth`,
        token_endpoint: `${issuer()}/token`,
        jwks_uri: `${issuer()}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
      });
    if (pathname === '/jwks') return Response.json({ keys: [publicJwk] });
    if (pathname === '/token')
      return Response.json({
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 60,
        id_token: nextIdToken,
      });
    return new Response('not found', { status: 404 });
  });
  const issuer = () => server.url;
  const sign = async (key: CryptoKey, kid: string, claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    // `claims` override the genuine ones (aud, exp…), so each forgery differs in one thing.
    return new SignJWT({
      iss: issuer(),
      aud: CLIENT_ID,
      sub: 'mallory-sub',
      email: 'mallory@example.test',
      iat: now,
      exp: now + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(key);
  };
  return {
    issuer,
    close: () => server.close(),
    setIdToken: (token: string) => {
      nextIdToken = token;
    },
    /** Signed with the provider's published key (kid and key match). */
    genuine: ((claims) => sign(trusted.privateKey, 'trusted', claims)) as TForgery,
    /** Signed with an attacker's key under the provider's kid. */
    wrongKey: (async (claims) =>
      sign((await generateKeyPair('ES256')).privateKey, 'trusted', claims)) as TForgery,
    /** Signed with an attacker's key under a kid the provider never published. */
    unknownKid: (async (claims) =>
      sign((await generateKeyPair('ES256')).privateKey, 'attacker', claims)) as TForgery,
  };
}

describe('a refused sign-in is logged and audited with its reason', () => {
  let database: TTestDatabase;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let relyingParty: TRelyingParty;
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    provider = await startProvider();
    relyingParty = createRelyingParty({
      issuer: provider.issuer(),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
      scopes: 'openid email profile',
      algorithms: ['ES256'],
      secret: 'flow-cookie-secret',
      secureCookies: false,
      stepUpMaxAgeSeconds: 300,
    });
  });
  afterAll(async () => {
    await provider?.close();
    await database?.drop();
  });

  /**
   * What LANDING's callback does with the provider's answer: start a flow (as /api/auth/login),
   * come back with a code and the flow cookie, verify (`finish`), and on refusal log and audit it.
   * The ID token the token endpoint returns is `forge(claims)`; `nonce` is the flow's.
   */
  async function callback(forge: TForgery, claims: (nonce: string) => Record<string, unknown>) {
    const started = await relyingParty.start({ returnTo: 'http://localhost:3000/', stepUp: false });
    const authorization = new URL(started.authorizationUrl);
    const state = authorization.searchParams.get('state') ?? '';
    const idToken = await forge(claims(authorization.searchParams.get('nonce') ?? ''));
    provider.setIdToken(idToken);
    const callbackUrl = new URL(`${REDIRECT_URI}?code=code-${randomUUID()}&state=${state}`);
    const cookieHeader = started.setCookie.split(';')[0] ?? '';
    const context = { ip: '198.51.100.66', userAgent: 'forger/1.0', correlationId: `forged-${randomUUID()}` };
    try {
      await relyingParty.finish(callbackUrl, cookieHeader);
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      await recordFailedSignIn({ db: database.db, logger }, { error, context });
      const rows = await database.db.auditLog.findMany({ where: { correlationId: context.correlationId } });
      return { error, rows, idToken, code: callbackUrl.searchParams.get('code') ?? '' };
    }
    throw new Error('the forged ID token was accepted');
  }

  it('accepts the genuine token (the harness is sound)', async () => {
    const started = await relyingParty.start({ returnTo: 'http://localhost:3000/', stepUp: false });
    const authorization = new URL(started.authorizationUrl);
    provider.setIdToken(await provider.genuine({ nonce: authorization.searchParams.get('nonce') }));
    const finished = await relyingParty.finish(
      new URL(`${REDIRECT_URI}?code=c&state=${authorization.searchParams.get('state')}`),
      started.setCookie.split(';')[0] ?? '',
    );
    expect(finished.claims.sub).toBe('mallory-sub');
  });

  it.each([
    ['a bad signature (attacker key, provider kid)', 'wrongKey', 'invalid_signature'],
    ['an unknown signing key', 'unknownKid', 'unknown_key'],
  ] as const)(
    'refuses %s with one denied row naming the reason and the claimed subject',
    async (_, forgery, reason) => {
      const warningsBefore = warnings.length;
      const { error, rows, idToken, code } = await callback(provider[forgery], (nonce) => ({ nonce }));
      expect(error.code).toBe('invalid_token');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'auth.signin',
        result: 'denied',
        actorUserId: null,
        ip: '198.51.100.66',
        userAgent: 'forger/1.0',
        metadata: { claimedSubject: 'mallory-sub', reason: expect.stringContaining(reason) },
      });
      // Logged at warn with the reason; never the token, the code or the client secret.
      const logged = warnings.slice(warningsBefore);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.fields).toMatchObject({ reason: 'invalid_token', claimedSubject: 'mallory-sub' });
      const text = JSON.stringify(logged) + JSON.stringify(rows);
      expect(text).toContain(reason);
      for (const secret of [idToken, code, CLIENT_SECRET]) expect(text).not.toContain(secret);
    },
  );

  it.each([
    ['a wrong audience', (nonce: string) => ({ nonce, aud: 'another-client' })],
    ['an expired token', (nonce: string) => ({ nonce, exp: Math.floor(Date.now() / 1000) - 600 })],
    ['a nonce of another sign-in', () => ({ nonce: 'replayed-nonce' })],
  ])('refuses %s with one denied row and its reason', async (_, claims) => {
    const { error, rows } = await callback(provider.genuine, claims);
    expect(error.code).toBe('invalid_token');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.signin', result: 'denied', ip: '198.51.100.66' });
    expect(String((rows[0]?.metadata as { reason?: string }).reason)).toMatch(/^invalid_token: /);
  });

  it('refuses a callback without its flow cookie (stale or forged state) with one denied row', async () => {
    const context = { ip: '198.51.100.67', userAgent: null, correlationId: `stale-${randomUUID()}` };
    const error = await relyingParty
      .finish(new URL(`${REDIRECT_URI}?code=x&state=never-issued`), null)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignInError);
    await recordFailedSignIn({ db: database.db, logger }, { error: error as SignInError, context });
    const rows = await database.db.auditLog.findMany({ where: { correlationId: context.correlationId } });
    expect(rows).toEqual([
      expect.objectContaining({
        result: 'denied',
        metadata: { reason: expect.stringMatching(/^expired: /) },
      }),
    ]);
  });
});
