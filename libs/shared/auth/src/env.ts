import { z } from 'zod';
import { ZCloudflareAccessEnvShape } from './cloudflare-access';
import { isRole, type TRole } from './permissions';

export { refineCloudflareAccessEnv, ZCloudflareAccessEnvShape } from './cloudflare-access';

const DOMAIN = /^\.?(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** `key=value,key=value` into pairs; used by the role and agent-client mappings. */
function parsePairs(raw: string): Array<[string, string]> {
  return raw
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf('=');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as [string, string];
    });
}

const ZPairList = z
  .string()
  .regex(
    /^\s*([^=,\s][^=,]*=[^=,\s][^=,]*)(\s*,\s*[^=,\s][^=,]*=[^=,\s][^=,]*)*\s*$|^\s*$/,
    'must be a list like "a=b,c=d"',
  );

/**
 * What every app's authentication reads (composed into ZRuntimeEnv): session timeouts, the cookie,
 * step-up freshness, the workspace sessions belong to, and the issuer whose client-credentials
 * access tokens are accepted from agents.
 */
export const ZAuthEnv = z.object({
  /** A session unused this long ends. */
  AUTH_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120),
  /** A session ends this long after sign-in, however active. */
  AUTH_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /** Cookie Domain: unset = host-only (localhost shares cookies across ports); defaults to LUMENFORGE_DOMAIN. */
  AUTH_COOKIE_DOMAIN: z.string().regex(DOMAIN, 'must be a domain such as lumenforge.io').optional(),
  /** Production deploys and role changes need an MFA sign-in at most this old. */
  AUTH_STEP_UP_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** The workspace (slug) platform sessions belong to. */
  AUTH_WORKSPACE: z.string().min(1).default('lumenforge'),
  /** The OpenID provider (nocturnaID). `npm start` starts a local one when unset. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** Audience of the provider's JWT access tokens for this platform (client credentials). */
  OIDC_API_AUDIENCE: z.string().min(1).default('urn:lumenforge:api'),
  /** Client-credentials clients and the user each acts as: "client_id=email,…". */
  OIDC_AGENT_CLIENTS: ZPairList.default('lumenforge-agent=agent@lumenforge.local'),
  ...ZCloudflareAccessEnvShape.shape,
});
export type TAuthEnv = z.infer<typeof ZAuthEnv>;

/**
 * LANDING's relying-party configuration (only LANDING runs the sign-in): the client, the pinned
 * ID-token algorithms, how roles come from the provider's group claim, and the secret that
 * encrypts the short-lived sign-in state cookie.
 */
export const ZOidcClientEnv = z.object({
  OIDC_CLIENT_ID: z.string().min(1).default('lumenforge-landing'),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default('openid email profile groups'),
  /** Algorithms accepted on ID tokens; never "none", never HMAC. */
  OIDC_ID_TOKEN_ALGORITHMS: z
    .string()
    .default('ES256,RS256')
    .refine(
      (value) =>
        value
          .split(',')
          .every((alg) => /^(ES256|ES384|ES512|RS256|RS384|RS512|PS256|PS384|PS512|EdDSA)$/.test(alg.trim())),
      'must list asymmetric JWS algorithms only (e.g. ES256,RS256)',
    ),
  /** The ID-token claim holding the user's groups. */
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  /** Group → role: "group=role,…". A user with no mapped group keeps the role of their membership. */
  OIDC_ROLE_MAPPING: ZPairList.default(
    'lumenforge-designer=designer,lumenforge-engineer=engineer,lumenforge-admin=admin,lumenforge-agent=agent',
  ).refine(
    (value) => parsePairs(value).every(([, role]) => isRole(role)),
    'every role must be one of designer, engineer, admin, agent',
  ),
  /** Encrypts the sign-in state cookie (PKCE verifier, state, nonce); 32+ characters. */
  AUTH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
});
export type TOidcClientEnv = z.infer<typeof ZOidcClientEnv>;

export function parseRoleMapping(raw: string): ReadonlyMap<string, TRole> {
  return new Map(parsePairs(raw).filter((pair): pair is [string, TRole] => isRole(pair[1])));
}

export function parseAgentClients(raw: string): ReadonlyMap<string, string> {
  return new Map(parsePairs(raw).map(([client, email]) => [client, email.toLowerCase()]));
}
