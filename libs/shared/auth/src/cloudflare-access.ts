import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { createJwksKeySource, idTokenErrorFromJose } from './id-token';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const CLOCK_TOLERANCE_SECONDS = 5;
/** The header Cloudflare Access adds to every request it lets through to the origin. */
export const CF_ACCESS_JWT_HEADER = 'Cf-Access-Jwt-Assertion';

/**
 * The Cloudflare Access env fragment as a plain object, for composing into an app's env.ts
 * (`ZPlatformEnv.extend(ZCloudflareAccessEnvShape.shape).superRefine(refineCloudflareAccessEnv)`):
 * zod drops refinements on `.extend`, so re-apply `refineCloudflareAccessEnv` after composing.
 */
export const ZCloudflareAccessEnvShape = z.object({
  /**
   * The Zero Trust team domain, e.g. `myteam.cloudflareaccess.com` (certs and issuer are
   * `https://<it>`); an http(s) origin is accepted too, for tests. Unset = Access not in front.
   */
  CF_ACCESS_TEAM_DOMAIN: z
    .string()
    .refine(
      (value) => teamOriginOrNull(value) !== null,
      'must be a team domain like myteam.cloudflareaccess.com, or an http(s) origin',
    )
    .optional(),
  /** The Access application's Application Audience (AUD) tag, from its Overview page. */
  CF_ACCESS_AUD: z
    .string()
    .regex(/^[\x21-\x7e]+$/, "must be the Access application's AUD tag (no spaces)")
    .optional(),
});
export type TCloudflareAccessEnv = z.infer<typeof ZCloudflareAccessEnvShape>;

/** Access is configured with both variables or neither; the error names the one that is missing. */
export function refineCloudflareAccessEnv(env: TCloudflareAccessEnv, ctx: z.RefinementCtx): void {
  if (env.CF_ACCESS_TEAM_DOMAIN && !env.CF_ACCESS_AUD)
    ctx.addIssue({
      code: 'custom',
      path: ['CF_ACCESS_AUD'],
      message: 'CF_ACCESS_TEAM_DOMAIN is set: give the Access application AUD tag too (or unset both)',
    });
  if (env.CF_ACCESS_AUD && !env.CF_ACCESS_TEAM_DOMAIN)
    ctx.addIssue({
      code: 'custom',
      path: ['CF_ACCESS_TEAM_DOMAIN'],
      message:
        'CF_ACCESS_AUD is set: give the team domain too, e.g. myteam.cloudflareaccess.com (or unset both)',
    });
}

/** Env fragment for Cloudflare Access, with its cross-field rule. */
export const ZCloudflareAccessEnv = ZCloudflareAccessEnvShape.superRefine(refineCloudflareAccessEnv);

/** True when both CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD are set. */
export function isCloudflareAccessConfigured(
  env: TCloudflareAccessEnv,
): env is { CF_ACCESS_TEAM_DOMAIN: string; CF_ACCESS_AUD: string } {
  return Boolean(env.CF_ACCESS_TEAM_DOMAIN && env.CF_ACCESS_AUD);
}

/**
 * The issuer origin of a team domain: `myteam.cloudflareaccess.com` → `https://myteam.cloudflareaccess.com`;
 * an http(s) origin is kept (normalized).
 *
 * @throws TypeError when it is neither.
 */
export function cloudflareAccessTeamOrigin(teamDomain: string): string {
  const origin = teamOriginOrNull(teamDomain);
  if (origin === null)
    throw new TypeError(
      `Cloudflare Access: team domain ${JSON.stringify(teamDomain)} must be like myteam.cloudflareaccess.com or an http(s) origin`,
    );
  return origin;
}

export type TCloudflareAccessResult =
  | { ok: true; email: string | null; sub: string }
  | { ok: false; message: string };

export type TCloudflareAccessVerifierOptions = {
  /** `CF_ACCESS_TEAM_DOMAIN`. */
  teamDomain: string;
  /** `CF_ACCESS_AUD`. */
  audience: string;
  /** Default `https://<team>/cdn-cgi/access/certs`. */
  certsUrl?: string | URL;
};

/**
 * Checks that a request really came through Cloudflare Access: the `Cf-Access-Jwt-Assertion`
 * header must be a JWT signed RS256 by one of the team's keys (fetched from the certs URL, cached,
 * refetched when Cloudflare rotates them), issued by `https://<team>`, for `audience`, not expired.
 * Returns the user's email (null for service tokens) and `sub` (for a service token, whose `sub` is
 * empty, its `common_name`: the client id). Never throws per request; a certs fetch failure
 * refuses (fails closed) with a message that says so. Create one verifier per process.
 */
export function createCloudflareAccessVerifier(
  options: TCloudflareAccessVerifierOptions,
): (headers: Headers) => Promise<TCloudflareAccessResult> {
  const issuer = cloudflareAccessTeamOrigin(options.teamDomain);
  if (!options.audience) throw new TypeError('Cloudflare Access: the audience (AUD tag) is required');
  const certsUrl = new URL(options.certsUrl ?? `${issuer}/cdn-cgi/access/certs`);
  const keys: JWTVerifyGetKey = createJwksKeySource(certsUrl);

  return async (headers) => {
    const token = headers.get(CF_ACCESS_JWT_HEADER);
    if (!token)
      return refuse(
        `the ${CF_ACCESS_JWT_HEADER} header is missing: requests must come through Cloudflare Access`,
      );
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer,
        audience: options.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat'],
      });
      if (payload['type'] !== undefined && payload['type'] !== 'app')
        return refuse('the token is not an application token ("type" claim)');
      const sub = nonEmptyString(payload.sub) ?? nonEmptyString(payload['common_name']);
      if (sub === null) return refuse('the token names no user or service token ("sub" claim)');
      return { ok: true, email: nonEmptyString(payload['email']), sub };
    } catch (error) {
      const refused = idTokenErrorFromJose(error);
      if (refused) return refuse(refused.message);
      const reason = error instanceof Error ? error.message : String(error);
      return refuse(`could not fetch the signing keys from ${certsUrl.href} (${reason})`);
    }
  };
}

function refuse(reason: string): TCloudflareAccessResult {
  return { ok: false, message: `Cloudflare Access: ${reason}` };
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function teamOriginOrNull(teamDomain: string): string | null {
  if (/^https?:\/\//i.test(teamDomain)) {
    let url: URL;
    try {
      url = new URL(teamDomain);
    } catch {
      return null;
    }
    const isBareOrigin =
      url.username === '' &&
      url.password === '' &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '';
    return isBareOrigin ? url.origin : null;
  }
  const labels = teamDomain.split('.');
  if (teamDomain.length > 253 || labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label)))
    return null;
  return `https://${teamDomain.toLowerCase()}`;
}
