import { resolve } from 'node:path';
import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

const ZPort = z.coerce.number().int().min(1).max(65535);
const ZHttpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((value) => !/[?#]/.test(value), 'must not have a query or a fragment');
const ZSecret = z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64url 32`)');
const ZBooleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false')
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** What the identity provider reads from the environment (documented in apps/identity/README.md and .env.example). */
const ZIdentityEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port the provider listens on. */
    IDENTITY_PORT: ZPort.default(3100),
    /** Interface it binds; 127.0.0.1 keeps a laptop's provider off the network. */
    IDENTITY_BIND_HOST: z.string().min(1).default('127.0.0.1'),
    /** The issuer identifier (its public URL). Default http://localhost:<IDENTITY_PORT>. */
    IDENTITY_ISSUER: ZHttpUrl.refine(
      (value) => new URL(value).pathname === '/',
      'must not have a path',
    ).optional(),
    /** The runner's state directory; IDENTITY_HOME defaults to its `identity/` folder. */
    LUMENFORGE_HOME: z.string().min(1).optional(),
    /** Keys, client secrets and accounts (mode 0700). */
    IDENTITY_HOME: z.string().min(1).optional(),
    /** Honour X-Forwarded-* (set behind a TLS-terminating proxy). */
    IDENTITY_TRUST_PROXY: ZBooleanFlag.default(false),
    /** LANDING's client: the platform's sign-in. */
    OIDC_CLIENT_ID: z.string().min(1).default('lumenforge-landing'),
    OIDC_CLIENT_SECRET: ZSecret.optional(),
    /** LANDING's public URL: redirect URI `${LANDING_URL}/api/auth/callback`, logout return `${LANDING_URL}/signin`. */
    LANDING_URL: ZHttpUrl.default('http://localhost:3000'),
    /** The automation agent's client-credentials client. */
    IDENTITY_AGENT_CLIENT_ID: z.string().min(1).default('lumenforge-agent'),
    IDENTITY_AGENT_CLIENT_SECRET: ZSecret.optional(),
    /** Resource indicator (and `aud`) of the platform API's JWT access tokens. */
    OIDC_API_AUDIENCE: z.string().min(1).default('urn:lumenforge:api'),
  })
  .superRefine((env, context) => {
    // Generated secrets are a development convenience; production must bring its own.
    if (env.NODE_ENV !== 'production') return;
    for (const variable of ['OIDC_CLIENT_SECRET', 'IDENTITY_AGENT_CLIENT_SECRET'] as const) {
      if (!env[variable]) {
        context.addIssue({ code: 'custom', path: [variable], message: 'must be set in production' });
      }
    }
  });

export type TIdentityEnv = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  bindHost: string;
  issuer: string;
  home: string;
  trustProxy: boolean;
  landingUrl: string;
  landingClientId: string;
  landingClientSecret: string | undefined;
  agentClientId: string;
  agentClientSecret: string | undefined;
  apiAudience: string;
};

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The identity provider's validated configuration; the only reader of process.env in this app.
 * Throws InvalidEnvError naming every bad variable.
 */
export function readIdentityEnv(source: Record<string, string | undefined> = process.env): TIdentityEnv {
  const env = createEnv('identity', ZIdentityEnv, source);
  const lumenforgeHome = resolve(env.LUMENFORGE_HOME ?? resolve(WORKSPACE_ROOT, '.lumenforge'));
  return {
    nodeEnv: env.NODE_ENV,
    port: env.IDENTITY_PORT,
    bindHost: env.IDENTITY_BIND_HOST,
    issuer: withoutTrailingSlash(env.IDENTITY_ISSUER ?? `http://localhost:${env.IDENTITY_PORT}`),
    home: resolve(env.IDENTITY_HOME ?? resolve(lumenforgeHome, 'identity')),
    trustProxy: env.IDENTITY_TRUST_PROXY,
    landingUrl: withoutTrailingSlash(env.LANDING_URL),
    landingClientId: env.OIDC_CLIENT_ID,
    landingClientSecret: env.OIDC_CLIENT_SECRET,
    agentClientId: env.IDENTITY_AGENT_CLIENT_ID,
    agentClientSecret: env.IDENTITY_AGENT_CLIENT_SECRET,
    apiAudience: env.OIDC_API_AUDIENCE,
  };
}
