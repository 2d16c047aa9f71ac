import { createEnv } from '@lumenforge/config';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloudflareAccessTeamOrigin,
  createCloudflareAccessVerifier,
  isCloudflareAccessConfigured,
  refineCloudflareAccessEnv,
  ZCloudflareAccessEnv,
  ZCloudflareAccessEnvShape,
} from './cloudflare-access';

const AUD = '32eafc7626e974616deaf0dc3ce63d7bcbed58a2731e84d06bc3cdf1b53c4228';

describe('ZCloudflareAccessEnv', () => {
  it('accepts neither variable, or both', () => {
    expect(ZCloudflareAccessEnv.parse({})).toEqual({});
    expect(
      ZCloudflareAccessEnv.parse({
        CF_ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com',
        CF_ACCESS_AUD: AUD,
      }),
    ).toEqual({ CF_ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com', CF_ACCESS_AUD: AUD });
    expect(
      ZCloudflareAccessEnv.parse({ CF_ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:4567', CF_ACCESS_AUD: AUD }),
    ).toMatchObject({ CF_ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:4567' });
  });

  it('names the missing variable when only one is set', () => {
    expect(() =>
      createEnv('slate', ZCloudflareAccessEnv, { CF_ACCESS_TEAM_DOMAIN: 'myteam.cloudflareaccess.com' }),
    ).toThrow(/CF_ACCESS_AUD: is required \(CF_ACCESS_TEAM_DOMAIN is set/);
    expect(() => createEnv('slate', ZCloudflareAccessEnv, { CF_ACCESS_AUD: AUD })).toThrow(
      /CF_ACCESS_TEAM_DOMAIN: is required \(CF_ACCESS_AUD is set/,
    );
    // `FOO=` counts as unset.
    expect(
      createEnv('slate', ZCloudflareAccessEnv, { CF_ACCESS_TEAM_DOMAIN: '', CF_ACCESS_AUD: '' }),
    ).toEqual({});
  });

  it.each([
    'myteam',
    'my team.cloudflareaccess.com',
    'https://myteam.cloudflareaccess.com/path',
    'ftp://a.b',
    '-a.b.com',
  ])('refuses the team domain %j', (domain) => {
    const result = ZCloudflareAccessEnv.safeParse({ CF_ACCESS_TEAM_DOMAIN: domain, CF_ACCESS_AUD: AUD });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['CF_ACCESS_TEAM_DOMAIN']);
  });

  it('refuses an AUD with spaces', () => {
    expect(
      ZCloudflareAccessEnv.safeParse({
        CF_ACCESS_TEAM_DOMAIN: 'a.cloudflareaccess.com',
        CF_ACCESS_AUD: 'a b',
      }).success,
    ).toBe(false);
  });

  it('keeps its rule after composing into an app schema', () => {
    const app = ZCloudflareAccessEnvShape.extend({
      PORT: ZCloudflareAccessEnvShape.shape.CF_ACCESS_AUD,
    }).superRefine(refineCloudflareAccessEnv);
    expect(app.safeParse({ CF_ACCESS_AUD: AUD }).success).toBe(false);
  });

  it('isCloudflareAccessConfigured and cloudflareAccessTeamOrigin', () => {
    expect(isCloudflareAccessConfigured({})).toBe(false);
    expect(isCloudflareAccessConfigured({ CF_ACCESS_TEAM_DOMAIN: 'a.b.com', CF_ACCESS_AUD: AUD })).toBe(true);
    expect(cloudflareAccessTeamOrigin('MyTeam.cloudflareaccess.com')).toBe(
      'https://myteam.cloudflareaccess.com',
    );
    expect(cloudflareAccessTeamOrigin('http://127.0.0.1:4567/')).toBe('http://127.0.0.1:4567');
    expect(() => cloudflareAccessTeamOrigin('nope')).toThrow(TypeError);
  });
});

type TSigner = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function createSigner(kid: string): Promise<TSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

describe('createCloudflareAccessVerifier (certs over real HTTP)', () => {
  let team: TSigner;
  let stranger: TSigner;
  let server: TFetchServer;
  let requestedPaths: string[];
  let verify: ReturnType<typeof createCloudflareAccessVerifier>;

  const now = (): number => Math.floor(Date.now() / 1000);
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    aud: [AUD],
    email: 'ada@lumenforge.io',
    iss: server.url,
    type: 'app',
    identity_nonce: '6ei69kawdKzMIAPF',
    sub: '7335d417-61da-459d-899c-0a01c76a2f94',
    country: 'NL',
    iat: now() - 10,
    nbf: now() - 10,
    exp: now() + 300,
    ...overrides,
  });
  const sign = (signer: TSigner, payload: JWTPayload = claims()): Promise<string> =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
      .sign(signer.privateKey);
  const headers = (token: string): Headers => new Headers({ 'Cf-Access-Jwt-Assertion': token });

  beforeAll(async () => {
    [team, stranger] = await Promise.all([createSigner('team-key-1'), createSigner('team-key-1')]);
    requestedPaths = [];
    server = await startFetchServer((request) => {
      requestedPaths.push(new URL(request.url).pathname);
      // Cloudflare's certs endpoint also lists PEM certificates beside the JWKS.
      return Response.json({ keys: [team.jwk], public_cert: { kid: team.kid, cert: '…' }, public_certs: [] });
    });
    verify = createCloudflareAccessVerifier({ teamDomain: server.url, audience: AUD });
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts a valid token and returns email and sub, reading /cdn-cgi/access/certs', async () => {
    expect(await verify(headers(await sign(team)))).toEqual({
      ok: true,
      email: 'ada@lumenforge.io',
      sub: '7335d417-61da-459d-899c-0a01c76a2f94',
    });
    expect(requestedPaths).toContain('/cdn-cgi/access/certs');
  });

  it('accepts a service token: no email, sub from common_name', async () => {
    const { email: _email, ...rest } = claims({ sub: '', common_name: 'a1b2c3.access' });
    expect(await verify(headers(await sign(team, rest)))).toEqual({
      ok: true,
      email: null,
      sub: 'a1b2c3.access',
    });
  });

  it('refuses a request without the header', async () => {
    expect(await verify(new Headers())).toEqual({
      ok: false,
      message:
        'Cloudflare Access: the Cf-Access-Jwt-Assertion header is missing: requests must come through Cloudflare Access',
    });
  });

  it('refuses another audience', async () => {
    const result = await verify(headers(await sign(team, claims({ aud: ['another-app-aud'] }))));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Cloudflare Access: .*audience/) });
  });

  it('refuses an expired token', async () => {
    const result = await verify(headers(await sign(team, claims({ iat: now() - 600, exp: now() - 60 }))));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/expired/) });
  });

  it('refuses a token from another signer, under the same kid or another', async () => {
    expect(await verify(headers(await sign(stranger)))).toEqual({
      ok: false,
      message: expect.stringMatching(/signature is invalid/),
    });
    expect(await verify(headers(await sign({ ...stranger, kid: 'unknown-kid' })))).toEqual({
      ok: false,
      message: expect.stringMatching(/No signing key/),
    });
  });

  it('refuses another issuer, a non-app token, HS256 and garbage', async () => {
    expect(
      (await verify(headers(await sign(team, claims({ iss: 'https://evil.cloudflareaccess.com' }))))).ok,
    ).toBe(false);
    expect((await verify(headers(await sign(team, claims({ type: 'org' }))))).ok).toBe(false);
    const hs = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: team.kid })
      .sign(new TextEncoder().encode(JSON.stringify(team.jwk)));
    expect(await verify(headers(hs))).toEqual({ ok: false, message: expect.stringMatching(/algorithm/) });
    expect((await verify(headers('not.a.jwt'))).ok).toBe(false);
  });

  it('fails closed, saying why, when the certs cannot be fetched', async () => {
    const down = await startFetchServer(() => new Response('bad gateway', { status: 502 }));
    const verifyDown = createCloudflareAccessVerifier({
      teamDomain: 'myteam.cloudflareaccess.com',
      audience: AUD,
      certsUrl: `${down.url}/cdn-cgi/access/certs`,
    });
    const result = await verifyDown(
      headers(await sign(team, claims({ iss: 'https://myteam.cloudflareaccess.com' }))),
    );
    await down.close();
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/could not fetch the signing keys/) });
  });

  it('refuses a bad configuration at creation', () => {
    expect(() => createCloudflareAccessVerifier({ teamDomain: 'nope', audience: AUD })).toThrow(TypeError);
    expect(() =>
      createCloudflareAccessVerifier({ teamDomain: 'a.cloudflareaccess.com', audience: '' }),
    ).toThrow(TypeError);
  });
});
