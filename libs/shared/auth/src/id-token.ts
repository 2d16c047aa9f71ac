import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type RemoteJWKSet,
} from 'jose';
import { z } from 'zod';

export const ID_TOKEN_ERROR_CODES = [
  'malformed',
  'algorithm_not_allowed',
  'invalid_signature',
  'unknown_key',
  'wrong_issuer',
  'wrong_audience',
  'expired',
  'not_yet_valid',
  'nonce_mismatch',
  'missing_claim',
  'auth_too_old',
  'azp_mismatch',
] as const;
export type TIdTokenErrorCode = (typeof ID_TOKEN_ERROR_CODES)[number];

/**
 * An ID token (or other signed JWT) was refused: `code` says why, `message` is readable and safe to
 * log (it never holds the token). Answer 401 for any of them. Failures to fetch the keys (network,
 * timeout, a JWKS endpoint answering non-200) are not an `IdTokenError`: they propagate as jose or
 * fetch errors, since the token may well be fine (answer 503, not 401).
 */
export class IdTokenError extends Error {
  override readonly name = 'IdTokenError';
  readonly code: TIdTokenErrorCode;

  constructor(code: TIdTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The claims of a verified ID token (OpenID Connect Core §2, §5.1), unknown claims kept. */
export const ZIdTokenClaimsSchema = z.looseObject({
  sub: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  name: z.string().optional(),
  groups: z.array(z.string()).optional(),
  amr: z.array(z.string()).optional(),
  acr: z.string().optional(),
  auth_time: z.number().optional(),
  nonce: z.string().optional(),
  iat: z.number(),
  exp: z.number(),
});
export type TIdTokenClaims = z.infer<typeof ZIdTokenClaimsSchema>;

export type TVerifyIdTokenOptions = {
  /** The provider's issuer identifier, exactly as in its discovery document. */
  issuer: string;
  /** Our client_id. */
  audience: string;
  /** Where signing keys come from: `createJwksKeySource(jwks_uri)`, or jose's `createLocalJWKSet`. */
  keys: JWTVerifyGetKey;
  /**
   * The algorithms the provider signs with (`id_token_signed_response_alg`), e.g. `['RS256']`.
   * Required and non-empty: without a list jose accepts any algorithm that fits the key.
   */
  algorithms: readonly string[];
  /** The nonce sent in the authorization request; the token must carry the same one. */
  nonce?: string;
  /** Refuse sign-ins older than this (`auth_time`), e.g. for step-up; the token must carry auth_time. */
  maxAuthAgeSeconds?: number;
  /** Allowed clock skew for exp, nbf, iat and auth_time. Default 5. */
  clockToleranceSeconds?: number;
  /** Claims that must be present besides sub, iat and exp (always required). */
  requiredClaims?: readonly string[];
  /** "Now", for tests. */
  currentDate?: Date;
};

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const ALWAYS_REQUIRED_CLAIMS = ['sub', 'iat', 'exp'];
// Access tokens (RFC 9068) must never pass as ID tokens, even when their aud is our client_id.
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt']);

/**
 * Verifies an OpenID Connect ID token as a relying party must (OIDC Core §3.1.3.7): signature with
 * a key from `keys` and one of the pinned `algorithms` (`alg: none` and algorithm confusion are
 * refused), `iss`, `aud` (and `azp` when present or when `aud` lists several audiences), `exp`,
 * `nbf`, `iat` not in the future, `nonce`, `auth_time` freshness, and the claim types (zod).
 *
 * @throws IdTokenError with a `code` for every refused token.
 * @throws TypeError when the options are unusable (no algorithms, `none`, bad numbers).
 */
export async function verifyIdToken(
  idToken: string,
  options: TVerifyIdTokenOptions,
): Promise<TIdTokenClaims> {
  const algorithms = checkAlgorithms(options.algorithms);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    throw new TypeError('verifyIdToken: clockToleranceSeconds must be a number ≥ 0');
  if (options.maxAuthAgeSeconds !== undefined && !(options.maxAuthAgeSeconds >= 0))
    throw new TypeError('verifyIdToken: maxAuthAgeSeconds must be a number ≥ 0');
  if (typeof idToken !== 'string' || idToken.length === 0)
    throw new IdTokenError('malformed', 'The ID token is missing or not a string');

  const now = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
  const requiredClaims = [...new Set([...ALWAYS_REQUIRED_CLAIMS, ...(options.requiredClaims ?? [])])];
  if (options.maxAuthAgeSeconds !== undefined) requiredClaims.push('auth_time');

  let payload: JWTPayload;
  try {
    const result = await jwtVerify(idToken, options.keys, {
      algorithms,
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: tolerance,
      requiredClaims,
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    });
    if (
      typeof result.protectedHeader.typ === 'string' &&
      ACCESS_TOKEN_TYPES.has(result.protectedHeader.typ.toLowerCase())
    )
      throw new IdTokenError(
        'malformed',
        `A token of type "${result.protectedHeader.typ}" is not an ID token`,
      );
    payload = result.payload;
  } catch (error) {
    throw idTokenErrorFromJose(error) ?? error;
  }

  const parsed = ZIdTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const claim = String(issue?.path[0] ?? 'claims');
    throw new IdTokenError(
      'malformed',
      `The "${claim}" claim is invalid: ${issue?.message ?? 'unexpected value'}`,
      {
        cause: parsed.error,
      },
    );
  }
  const claims = parsed.data;

  // jose checks iat in the future only together with maxTokenAge; a token "issued" later than now
  // is a clock problem or a forgery either way.
  if (claims.iat > now + tolerance)
    throw new IdTokenError('not_yet_valid', 'The ID token was issued in the future ("iat" claim)');
  checkAuthorizedParty(payload, options.audience);
  if (options.nonce !== undefined && claims.nonce !== options.nonce)
    throw new IdTokenError(
      'nonce_mismatch',
      claims.nonce === undefined
        ? 'The ID token carries no nonce, but the sign-in sent one'
        : 'The ID token nonce does not match the one this sign-in sent (replayed or injected token)',
    );
  if (options.maxAuthAgeSeconds !== undefined) {
    const authTime = claims.auth_time;
    if (authTime === undefined) throw new IdTokenError('missing_claim', 'The token has no "auth_time" claim');
    if (authTime > now + tolerance)
      throw new IdTokenError('not_yet_valid', 'The "auth_time" claim is in the future');
    if (now - authTime > options.maxAuthAgeSeconds + tolerance)
      throw new IdTokenError(
        'auth_too_old',
        `The sign-in is older than ${options.maxAuthAgeSeconds} s ("auth_time" claim): authenticate again`,
      );
  }
  return claims;
}

/** OIDC Core §3.1.3.7 steps 4–5: several audiences need an azp, and an azp must be us. */
function checkAuthorizedParty(payload: JWTPayload, audience: string): void {
  const azp = payload['azp'];
  const hasSeveralAudiences = Array.isArray(payload.aud) && new Set(payload.aud).size > 1;
  if (azp === undefined) {
    if (hasSeveralAudiences)
      throw new IdTokenError('azp_mismatch', 'The ID token has several audiences but no "azp" claim');
    return;
  }
  if (azp !== audience)
    throw new IdTokenError('azp_mismatch', 'The ID token was issued to another client ("azp" claim)');
}

function checkAlgorithms(algorithms: readonly string[]): string[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0)
    throw new TypeError('verifyIdToken: pin the expected signing algorithms, e.g. algorithms: ["RS256"]');
  for (const algorithm of algorithms)
    if (typeof algorithm !== 'string' || algorithm.length === 0 || algorithm.toLowerCase() === 'none')
      throw new TypeError(`verifyIdToken: "${String(algorithm)}" is not a signing algorithm`);
  return [...algorithms];
}

/**
 * The `IdTokenError` for an error jose threw while verifying a JWT, or null when the error is not
 * about the token (key fetching failed, a bug): rethrow those as they are. Shared with the
 * Cloudflare Access verifier.
 */
export function idTokenErrorFromJose(error: unknown): IdTokenError | null {
  if (error instanceof IdTokenError) return error;
  if (error instanceof errors.JWTExpired)
    return new IdTokenError('expired', 'The token has expired ("exp" claim)', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (error.reason === 'missing')
      return new IdTokenError('missing_claim', `The token has no "${claim}" claim`, { cause: error });
    if (error.reason === 'invalid')
      return new IdTokenError('malformed', `The "${claim}" claim is not a valid value`, { cause: error });
    switch (claim) {
      case 'iss':
        return new IdTokenError('wrong_issuer', 'The token was issued by another issuer ("iss" claim)', {
          cause: error,
        });
      case 'aud':
        return new IdTokenError('wrong_audience', 'The token is meant for another audience ("aud" claim)', {
          cause: error,
        });
      case 'nbf':
        return new IdTokenError('not_yet_valid', 'The token is not valid yet ("nbf" claim)', {
          cause: error,
        });
      case 'iat':
        return new IdTokenError('not_yet_valid', 'The token was issued in the future ("iat" claim)', {
          cause: error,
        });
      default:
        return new IdTokenError('malformed', `The "${claim}" claim failed validation`, { cause: error });
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new IdTokenError(
      'algorithm_not_allowed',
      'The token is signed with an algorithm that is not allowed',
      {
        cause: error,
      },
    );
  if (error instanceof errors.JOSENotSupported)
    return new IdTokenError(
      'algorithm_not_allowed',
      `The token uses something unsupported: ${error.message}`,
      {
        cause: error,
      },
    );
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new IdTokenError('invalid_signature', 'The token signature is invalid', { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey)
    return new IdTokenError('unknown_key', 'No signing key of the issuer matches the token ("kid" header)', {
      cause: error,
    });
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return new IdTokenError(
      'unknown_key',
      'Several signing keys match the token: it must name one ("kid" header)',
      {
        cause: error,
      },
    );
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new IdTokenError('malformed', `The token is malformed: ${error.message}`, { cause: error });
  return null;
}

export type TJwksKeySourceOptions = {
  /** After a fetch, a token with an unknown `kid` triggers another one only after this. Default 30 s. */
  cooldownMs?: number;
  /** Keys are refetched when older than this. Default 10 min. */
  cacheMaxAgeMs?: number;
  /** The JWKS request is aborted after this. Default 5 s. */
  timeoutMs?: number;
};

/**
 * A key source for `verifyIdToken` that reads the provider's JWKS (`jwks_uri`) over http(s) and
 * caches it (jose's `createRemoteJWKSet`). Key rotation needs no restart: a token whose `kid` is not
 * cached triggers a refetch, at most once per cooldown (so forged kids cannot hammer the provider).
 * Redirects are not followed. Create one per provider and process, not per request.
 */
export function createJwksKeySource(
  jwksUri: string | URL,
  options: TJwksKeySourceOptions = {},
): RemoteJWKSet {
  const url = new URL(jwksUri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`createJwksKeySource: ${url.href} must be an http(s) URL`);
  return createRemoteJWKSet(url, {
    ...(options.cooldownMs !== undefined ? { cooldownDuration: options.cooldownMs } : {}),
    ...(options.cacheMaxAgeMs !== undefined ? { cacheMaxAge: options.cacheMaxAgeMs } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutDuration: options.timeoutMs } : {}),
  });
}

/**
 * RFC 8176 `amr` values that show a factor beyond a password: `mfa` (the provider says several
 * factors were used) and `mca` (multiple channels); possession: `otp`, `sms`, `tel`, `hwk`, `swk`,
 * `pop`, `sc`; inherence (biometrics): `fpt`, `face`, `iris`, `retina`, `vbm`. Not counted: `pwd`,
 * `pin`, `kba` (knowledge, the usual first factor), `user` (user presence), `geo`, `rba`, `wia`.
 */
export const MFA_AMR_VALUES: ReadonlySet<string> = new Set([
  'mfa',
  'mca',
  'otp',
  'sms',
  'tel',
  'hwk',
  'swk',
  'pop',
  'sc',
  'fpt',
  'face',
  'iris',
  'retina',
  'vbm',
]);

/**
 * Whether an ID token's `amr` shows multi-factor authentication: true when it holds any of
 * `MFA_AMR_VALUES` (values are case-sensitive). Providers list every method used (`["pwd", "otp"]`)
 * or just `mfa`; a sign-in with only a password, or no `amr`, is not MFA.
 */
export function isMfaAmr(amr: readonly string[] | undefined): boolean {
  return Array.isArray(amr) && amr.some((method) => typeof method === 'string' && MFA_AMR_VALUES.has(method));
}
