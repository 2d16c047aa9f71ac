import { setTimeout as delay } from 'node:timers/promises';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import fc from 'fast-check';
import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createJwksKeySource,
  IdTokenError,
  isMfaAmr,
  MFA_AMR_VALUES,
  verifyIdToken,
  type TIdTokenErrorCode,
  type TVerifyIdTokenOptions,
} from './id-token';

const ISSUER = 'https://id.lumenforge.io';
const CLIENT_ID = 'lumenforge-slate';
const NOW = new Date('2026-11-23T12:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

type TKey = { kid: string; alg: string; privateKey: CryptoKey; publicKey: CryptoKey; jwk: JWK };

async function createKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<TKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Valid claims; overrides may hold wrong types on purpose (what a hostile provider could send). */
function baseClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: 'user-1',
    email: 'ada@lumenforge.io',
    email_verified: true,
    name: 'Ada',
    groups: ['engineers'],
    amr: ['pwd', 'otp'],
    auth_time: NOW_SECONDS - 60,
    nonce: 'nonce-123',
    iat: NOW_SECONDS - 10,
    exp: NOW_SECONDS + 300,
    ...overrides,
  };
}

async function sign(
  key: Pick<TKey, 'kid' | 'alg' | 'privateKey'>,
  claims: JWTPayload = baseClaims(),
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

/** A JWT with any header and payload and the given signature, as an attacker writes one. */
function handmade(header: object, payload: object, signature = ''): string {
  const encode = (value: object): string => base64url.encode(JSON.stringify(value));
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

async function expectRefused(promise: Promise<unknown>, code: TIdTokenErrorCode): Promise<IdTokenError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected the token to be refused with ${code}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IdTokenError);
  expect((error as IdTokenError).code).toBe(code);
  expect((error as IdTokenError).message.length).toBeGreaterThan(10);
  return error as IdTokenError;
}

/** A JWKS endpoint on a real local HTTP server whose keys can change, counting fetches. */
async function startJwksServer(
  initialKeys: JWK[],
): Promise<TFetchServer & { setKeys(keys: JWK[]): void; fetches(): number }> {
  let keys = initialKeys;
  let fetches = 0;
  const server = await startFetchServer(() => {
    fetches += 1;
    return Response.json({ keys });
  });
  return {
    ...server,
    setKeys: (next) => {
      keys = next;
    },
    fetches: () => fetches,
  };
}

let rsa: TKey;
let rsaOther: TKey;
let ec: TKey;
let options: TVerifyIdTokenOptions;

beforeAll(async () => {
  [rsa, rsaOther, ec] = await Promise.all([
    createKey('rsa-1'),
    createKey('rsa-other'),
    createKey('ec-1', 'ES256'),
  ]);
  options = {
    issuer: ISSUER,
    audience: CLIENT_ID,
    // The EC key is published too: pinning RS256 is what refuses ES256 tokens.
    keys: createLocalJWKSet({ keys: [rsa.jwk, ec.jwk] }),
    algorithms: ['RS256'],
    nonce: 'nonce-123',
    currentDate: NOW,
  };
});

describe('verifyIdToken: valid tokens', () => {
  it('returns the typed claims, unknown claims kept', async () => {
    const claims = await verifyIdToken(await sign(rsa, baseClaims({ locale: 'en' })), options);
    expect(claims).toEqual({ ...baseClaims({ locale: 'en' }) });
    expect(claims.sub).toBe('user-1');
    expect(claims['locale']).toBe('en');
  });

  it('accepts an audience array holding us with azp = us', async () => {
    const token = await sign(
      rsa,
      baseClaims({ aud: [CLIENT_ID, 'https://api.lumenforge.io'], azp: CLIENT_ID }),
    );
    await expect(verifyIdToken(token, options)).resolves.toMatchObject({ sub: 'user-1' });
    await expect(
      verifyIdToken(await sign(rsa, baseClaims({ aud: [CLIENT_ID] })), options),
    ).resolves.toBeDefined();
  });

  it('accepts ES256 when pinned, and a token without nonce when none was sent', async () => {
    const { nonce: _nonce, ...withoutNonce } = options;
    const token = await sign(ec, baseClaims({ nonce: undefined }));
    await expect(verifyIdToken(token, { ...withoutNonce, algorithms: ['ES256'] })).resolves.toMatchObject({
      sub: 'user-1',
    });
  });

  it('allows the clock tolerance on exp, nbf and iat (default 5 s)', async () => {
    const skewed = baseClaims({ exp: NOW_SECONDS - 4, nbf: NOW_SECONDS + 4, iat: NOW_SECONDS + 4 });
    await expect(verifyIdToken(await sign(rsa, skewed), options)).resolves.toBeDefined();
    const strict = { ...options, clockToleranceSeconds: 0 };
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ exp: NOW_SECONDS - 4 })), strict),
      'expired',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ nbf: NOW_SECONDS + 4 })), strict),
      'not_yet_valid',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ iat: NOW_SECONDS + 4 })), strict),
      'not_yet_valid',
    );
  });

  it('accepts a recent enough sign-in for maxAuthAgeSeconds', async () => {
    await expect(
      verifyIdToken(await sign(rsa), { ...options, maxAuthAgeSeconds: 120 }),
    ).resolves.toBeDefined();
  });
});

describe('verifyIdToken: attack corpus', () => {
  it('refuses alg: none (unsigned token), whatever its spelling', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE'])
      await expectRefused(
        verifyIdToken(handmade({ alg, typ: 'JWT' }, baseClaims()), options),
        'algorithm_not_allowed',
      );
  });

  it('refuses HS256 signed with the RSA public key as the HMAC secret (algorithm confusion)', async () => {
    const secrets = [
      new TextEncoder().encode(await exportSPKI(rsa.publicKey)),
      new TextEncoder().encode(JSON.stringify(rsa.jwk)),
      base64url.decode(rsa.jwk.n ?? ''),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(baseClaims())
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .sign(secret);
      await expectRefused(verifyIdToken(token, options), 'algorithm_not_allowed');
      // Even a careless pin that allows HS256 cannot make a JWKS key an HMAC secret.
      await expectRefused(
        verifyIdToken(token, { ...options, algorithms: ['RS256', 'HS256'] }),
        'algorithm_not_allowed',
      );
    }
  });

  it('refuses HS256 signed with the EC public key as the HMAC secret', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(ec.publicKey));
    const token = await new SignJWT(baseClaims())
      .setProtectedHeader({ alg: 'HS256', kid: ec.kid })
      .sign(secret);
    await expectRefused(verifyIdToken(token, { ...options, algorithms: ['ES256'] }), 'algorithm_not_allowed');
  });

  it('refuses an ES256 token when only RS256 is pinned', async () => {
    await expectRefused(verifyIdToken(await sign(ec), options), 'algorithm_not_allowed');
  });

  it('refuses another issuer', async () => {
    const error = await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ iss: 'https://evil.example' })), options),
      'wrong_issuer',
    );
    expect(error.message).toMatch(/iss/);
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ iss: `${ISSUER}/` })), options),
      'wrong_issuer',
    );
  });

  it('refuses another audience', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ aud: 'lumenforge-spark' })), options),
      'wrong_audience',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ aud: ['a', 'b'] })), options),
      'wrong_audience',
    );
  });

  it('refuses an expired token', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ exp: NOW_SECONDS - 6 })), options),
      'expired',
    );
  });

  it('refuses a token not yet valid: nbf in the future', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ nbf: NOW_SECONDS + 60 })), options),
      'not_yet_valid',
    );
  });

  it('refuses a token not yet valid: iat in the future', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ iat: NOW_SECONDS + 60 })), options),
      'not_yet_valid',
    );
  });

  it('refuses a tampered payload that keeps the original signature', async () => {
    const [header, , signature] = (await sign(rsa)).split('.');
    const escalated = base64url.encode(JSON.stringify(baseClaims({ sub: 'admin', groups: ['admins'] })));
    await expectRefused(verifyIdToken(`${header}.${escalated}.${signature}`, options), 'invalid_signature');
  });

  it('refuses a token signed by another key under a known kid', async () => {
    await expectRefused(
      verifyIdToken(await sign({ ...rsaOther, kid: rsa.kid }), options),
      'invalid_signature',
    );
  });

  it('refuses a token with no sub', async () => {
    const { sub: _sub, ...claims } = baseClaims();
    const error = await expectRefused(verifyIdToken(await sign(rsa, claims), options), 'missing_claim');
    expect(error.message).toMatch(/"sub"/);
  });

  it('refuses missing iat, exp, iss, aud and required extra claims', async () => {
    for (const claim of ['iat', 'exp', 'iss', 'aud']) {
      const claims = baseClaims();
      delete claims[claim];
      await expectRefused(verifyIdToken(await sign(rsa, claims), options), 'missing_claim');
    }
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ email: undefined })), {
        ...options,
        requiredClaims: ['email'],
      }),
      'missing_claim',
    );
  });

  it('refuses a nonce mismatch and a missing nonce when one was sent', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ nonce: 'other' })), options),
      'nonce_mismatch',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ nonce: undefined })), options),
      'nonce_mismatch',
    );
  });

  it('refuses a sign-in older than maxAuthAgeSeconds, or with no auth_time', async () => {
    const old = baseClaims({ auth_time: NOW_SECONDS - 3600 });
    await expectRefused(
      verifyIdToken(await sign(rsa, old), { ...options, maxAuthAgeSeconds: 600 }),
      'auth_too_old',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ auth_time: undefined })), {
        ...options,
        maxAuthAgeSeconds: 600,
      }),
      'missing_claim',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ auth_time: NOW_SECONDS + 600 })), {
        ...options,
        maxAuthAgeSeconds: 600,
      }),
      'not_yet_valid',
    );
  });

  it('refuses several audiences without azp, and an azp that is not us', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ aud: [CLIENT_ID, 'other-client'] })), options),
      'azp_mismatch',
    );
    await expectRefused(
      verifyIdToken(
        await sign(rsa, baseClaims({ aud: [CLIENT_ID, 'other-client'], azp: 'other-client' })),
        options,
      ),
      'azp_mismatch',
    );
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims({ azp: 'other-client' })), options),
      'azp_mismatch',
    );
  });

  it('refuses an access token (typ at+jwt) presented as an ID token', async () => {
    await expectRefused(
      verifyIdToken(await sign(rsa, baseClaims(), { typ: 'at+jwt' }), options),
      'malformed',
    );
  });

  it('refuses claims of the wrong type after the signature checks', async () => {
    for (const claims of [
      baseClaims({ sub: '' }),
      baseClaims({ sub: 42 }),
      baseClaims({ groups: 'admins' }),
      baseClaims({ email_verified: 'true' }),
      baseClaims({ amr: 'otp' }),
      baseClaims({ exp: String(NOW_SECONDS + 300) }),
    ])
      await expectRefused(verifyIdToken(await sign(rsa, claims), options), 'malformed');
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a jwt'],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['bad base64', '!!!.???.***'],
    ['header not JSON', `${base64url.encode('nope')}.${base64url.encode('{}')}.sig`],
  ])('refuses a malformed token: %s', async (_label, token) => {
    await expectRefused(verifyIdToken(token, options), 'malformed');
  });

  it('refuses a payload that is not a JSON object', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: rsa.kid })
      .sign(rsa.privateKey);
    const [header] = token.split('.');
    const forged = `${header}.${base64url.encode('[1,2]')}.${token.split('.')[2] ?? ''}`;
    const error = await verifyIdToken(forged, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdTokenError);
    expect(['malformed', 'invalid_signature']).toContain((error as IdTokenError).code);
  });
});

describe('verifyIdToken: options', () => {
  it('requires pinned algorithms, never none', async () => {
    const token = await sign(rsa);
    await expect(verifyIdToken(token, { ...options, algorithms: [] })).rejects.toThrow(TypeError);
    await expect(verifyIdToken(token, { ...options, algorithms: ['RS256', 'none'] })).rejects.toThrow(
      TypeError,
    );
    await expect(verifyIdToken(token, { ...options, clockToleranceSeconds: -1 })).rejects.toThrow(TypeError);
    await expect(verifyIdToken(token, { ...options, maxAuthAgeSeconds: Number.NaN })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('verifyIdToken: properties', () => {
  it('refuses any string with an IdTokenError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc
            .array(
              fc.oneof(
                fc.base64String({ maxLength: 20 }),
                fc.constant('.'),
                fc.constant('eyJhbGciOiJub25lIn0'),
              ),
              {
                maxLength: 6,
              },
            )
            .map((parts) => parts.join('')),
        ),
        async (token) => {
          const error = await verifyIdToken(token, options).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(IdTokenError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses any single-character change to a valid token', async () => {
    const token = await sign(rsa);
    const lastOfSegment = new Set([token.indexOf('.') - 1, token.lastIndexOf('.') - 1, token.length - 1]);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: token.length - 1 }).filter((index) => !lastOfSegment.has(index)),
        fc.constantFrom(...alphabet),
        async (index, char) => {
          fc.pre(token[index] !== char);
          const mutated = `${token.slice(0, index)}${char}${token.slice(index + 1)}`;
          const error = await verifyIdToken(mutated, options).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(IdTokenError);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('createJwksKeySource (JWKS over real HTTP)', () => {
  let server: Awaited<ReturnType<typeof startJwksServer>>;
  let rotated: TKey;

  beforeAll(async () => {
    rotated = await createKey('rsa-2');
    server = await startJwksServer([rsa.jwk]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('verifies with keys fetched from the jwks_uri', async () => {
    server.setKeys([rsa.jwk]);
    const keys = createJwksKeySource(`${server.url}/jwks`, { cooldownMs: 60_000 });
    const before = server.fetches();
    await expect(verifyIdToken(await sign(rsa), { ...options, keys })).resolves.toMatchObject({
      sub: 'user-1',
    });
    await expect(verifyIdToken(await sign(rsa), { ...options, keys })).resolves.toBeDefined();
    expect(server.fetches() - before).toBe(1);
  });

  it('refuses a token whose kid the provider does not publish (unknown_key)', async () => {
    server.setKeys([rsa.jwk]);
    const keys = createJwksKeySource(new URL(`${server.url}/jwks`), { cooldownMs: 60_000 });
    await expectRefused(verifyIdToken(await sign(rsaOther), { ...options, keys }), 'unknown_key');
    // Forged kids do not make us refetch within the cooldown.
    const before = server.fetches();
    await expectRefused(
      verifyIdToken(await sign({ ...rsaOther, kid: 'forged' }), { ...options, keys }),
      'unknown_key',
    );
    expect(server.fetches()).toBe(before);
  });

  it('follows key rotation: a token with the new kid verifies once the cooldown has passed', async () => {
    server.setKeys([rsa.jwk]);
    const keys = createJwksKeySource(`${server.url}/jwks`, { cooldownMs: 500 });
    await expect(verifyIdToken(await sign(rsa), { ...options, keys })).resolves.toBeDefined();
    const afterFirstFetch = server.fetches();

    server.setKeys([rotated.jwk]);
    await expectRefused(verifyIdToken(await sign(rotated), { ...options, keys }), 'unknown_key');
    expect(server.fetches()).toBe(afterFirstFetch); // still cooling down: no refetch

    await delay(600);
    await expect(verifyIdToken(await sign(rotated), { ...options, keys })).resolves.toMatchObject({
      sub: 'user-1',
    });
    expect(server.fetches()).toBe(afterFirstFetch + 1); // the unknown kid triggered one refetch
    // The retired key is gone with the refetch.
    await expectRefused(verifyIdToken(await sign(rsa), { ...options, keys }), 'unknown_key');
  });

  it('lets a key-fetch failure through as a non-IdTokenError (503, not 401)', async () => {
    const down = await startFetchServer(() => new Response('unavailable', { status: 503 }));
    const keys = createJwksKeySource(`${down.url}/jwks`, { timeoutMs: 1000 });
    const error = await verifyIdToken(await sign(rsa), { ...options, keys }).catch(
      (caught: unknown) => caught,
    );
    await down.close();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(IdTokenError);
  });

  it('only takes http(s) URLs', () => {
    expect(() => createJwksKeySource('file:///etc/jwks.json')).toThrow(TypeError);
    expect(() => createJwksKeySource('not a url')).toThrow(TypeError);
  });
});

describe('isMfaAmr', () => {
  it.each([
    [['pwd', 'otp'], true],
    [['mfa'], true],
    [['pwd', 'mfa'], true],
    [['hwk', 'user'], true],
    [['swk'], true],
    [['pwd', 'sms'], true],
    [['fpt'], true],
    [['face'], true],
    [['pwd'], false],
    [['pwd', 'kba'], false],
    [['pin', 'user'], false],
    [['geo', 'rba', 'wia'], false],
    [['MFA', 'OTP'], false],
    [[], false],
    [undefined, false],
  ])('%j → %s', (amr, expected) => {
    expect(isMfaAmr(amr)).toBe(expected);
  });

  it('documents exactly these values', () => {
    expect([...MFA_AMR_VALUES].sort()).toEqual(
      [
        'face',
        'fpt',
        'hwk',
        'iris',
        'mca',
        'mfa',
        'otp',
        'pop',
        'retina',
        'sc',
        'sms',
        'swk',
        'tel',
        'vbm',
      ].sort(),
    );
  });
});
