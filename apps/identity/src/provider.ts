// The oidc-provider configuration: two first-party clients (LANDING's sign-in, the agent's client
// credentials), ES256 only, our own sign-in and logout pages, JWT access tokens for the platform API.
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { type AccountDirectory, groupForRole } from './demo-accounts';
import { createMemoryAdapterFactory } from './memory-adapter';
import type { TPrivateJwk } from './signing-keys';
import { SIGNING_ALG } from './signing-keys';
import { contentSecurityPolicy, renderLogoutPage, renderMessagePage } from './views';

/** Scopes the agent may get on the platform API (RFC 8707 resource OIDC_API_AUDIENCE). */
export const AGENT_API_SCOPES = [
  'mcp.use',
  'components.generate',
  'components.read',
  'builds.run',
  'builds.read',
  'tokens.read',
  'projects.read',
] as const;
export const LANDING_SCOPES = ['openid', 'email', 'profile', 'groups'] as const;

/** acr values: password and TOTP, or password only. */
export const ACR_MFA = 'urn:lumenforge:acr:mfa';
export const ACR_PASSWORD = 'urn:lumenforge:acr:pwd';

export const TTL_SECONDS = {
  AccessToken: 10 * 60,
  ClientCredentials: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 10 * 60,
  Session: 8 * 60 * 60,
  Grant: 8 * 60 * 60,
  RefreshToken: 8 * 60 * 60,
} as const;

/** Cookie names: localhost cookies are shared by every port, so keep clear of the apps' names. */
export const COOKIE_NAMES = {
  session: 'lf_idp_session',
  interaction: 'lf_idp_interaction',
  resume: 'lf_idp_resume',
} as const;
const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'lax', signed: true } as const;

export type TProviderOptions = {
  issuer: string;
  signingKeys: readonly TPrivateJwk[];
  cookieKeys: readonly string[];
  accounts: AccountDirectory;
  landing: { clientId: string; clientSecret: string; url: string };
  agent: { clientId: string; clientSecret: string };
  apiAudience: string;
  trustProxy: boolean;
  log: (line: string) => void;
};

/** LANDING's redirect URI and post-logout redirect URI. */
export function landingRedirects(landingUrl: string): { redirectUri: string; postLogoutRedirectUri: string } {
  return { redirectUri: `${landingUrl}/api/auth/callback`, postLogoutRedirectUri: `${landingUrl}/signin` };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Builds the provider. Interactions (/interaction/:uid) are served next to it by interactions.ts. */
export function createProvider(options: TProviderOptions): Provider {
  const { landing, agent, apiAudience, accounts } = options;
  const { redirectUri, postLogoutRedirectUri } = landingRedirects(landing.url);
  const firstPartyClientIds = new Set([landing.clientId, agent.clientId]);
  const csp = contentSecurityPolicy([originOf(landing.url)]);

  const sendPage = (ctx: KoaContextWithOIDC, html: string) => {
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = html;
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: landing.clientId,
        client_secret: landing.clientSecret,
        client_name: 'LumenForge',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: SIGNING_ALG,
        require_auth_time: true,
        scope: LANDING_SCOPES.join(' '),
      },
      {
        client_id: agent.clientId,
        client_secret: agent.clientSecret,
        client_name: 'LumenForge automation agent',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: SIGNING_ALG,
      },
    ],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: SIGNING_ALG,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    adapter: createMemoryAdapterFactory(),
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    jwks: { keys: options.signingKeys.map((key) => ({ ...key })) },
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      userinfoSigningAlgValues: [SIGNING_ALG],
      introspectionSigningAlgValues: [SIGNING_ALG],
      authorizationSigningAlgValues: [SIGNING_ALG],
      requestObjectSigningAlgValues: [SIGNING_ALG],
      clientAuthSigningAlgValues: [SIGNING_ALG],
      dPoPSigningAlgValues: [SIGNING_ALG],
    },
    cookies: {
      keys: [...options.cookieKeys],
      names: { ...COOKIE_NAMES },
      long: { ...COOKIE_OPTIONS },
      short: { ...COOKIE_OPTIONS },
    },
    // openid, and the scopes defined by claims below (email, profile, groups). No offline_access.
    scopes: ['openid'],
    claims: {
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
      sid: null,
    },
    acrValues: [ACR_MFA, ACR_PASSWORD],
    // The relying party reads the claims from the ID token, not from userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { ...TTL_SECONDS },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    async findAccount(_ctx, sub) {
      const account = accounts.findBySub(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({
          sub: account.sub,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: [groupForRole(account.role)],
        }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      resourceIndicators: {
        enabled: true,
        // Client credentials without `resource` mean the platform API.
        defaultResource: (_ctx, client, oneOf) =>
          oneOf ?? (client.clientId === agent.clientId ? apiAudience : undefined),
        useGrantedResource: () => false,
        getResourceServerInfo(_ctx, resourceIndicator, client) {
          if (resourceIndicator !== apiAudience || client.clientId !== agent.clientId) {
            throw new errors.InvalidTarget('this client may not request tokens for that resource');
          }
          return {
            scope: AGENT_API_SCOPES.join(' '),
            audience: apiAudience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: TTL_SECONDS.ClientCredentials,
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const { session, params, client } = ctx.oidc;
          const hintedSub = ctx.oidc.entities.IdTokenHint?.payload['sub'];
          // A first-party RP that proves who is signed in (its ID token) and where to go next signs
          // the user out without a second question.
          const isKnownLogout =
            client !== undefined &&
            firstPartyClientIds.has(client.clientId) &&
            typeof params?.['post_logout_redirect_uri'] === 'string' &&
            session?.accountId !== undefined &&
            hintedSub === session.accountId;
          if (isKnownLogout) {
            await endSessionWithoutPrompt(ctx, options.log);
            return;
          }
          ctx.set('content-security-policy', csp);
          sendPage(ctx, renderLogoutPage({ form, host: ctx.host }));
        },
        postLogoutSuccessSource(ctx) {
          ctx.set('content-security-policy', csp);
          sendPage(
            ctx,
            renderMessagePage({
              title: 'Signed out',
              message: 'You are signed out of the LumenForge identity provider.',
              link: { href: postLogoutRedirectUri, label: 'Back to LumenForge' },
            }),
          );
        },
      },
    },
    renderError(ctx, out) {
      ctx.set('content-security-policy', csp);
      sendPage(
        ctx,
        renderMessagePage({
          title: 'Sign-in could not continue',
          message: out.error_description ? `${out.error}: ${out.error_description}` : out.error,
          link: { href: landing.url, label: 'Back to LumenForge' },
        }),
      );
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy;

  provider.use(async (ctx, next) => {
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('x-frame-options', 'DENY');
    ctx.set('referrer-policy', 'same-origin');
    // Set before the route runs: oidc-provider adds its form_post script's hash to script-src.
    ctx.set('content-security-policy', csp);
    await next();
  });
  provider.on('server_error', (_ctx, error) => {
    options.log(`server error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });
  return provider;
}

/**
 * What oidc-provider's logout confirmation does on "yes", without the page: revoke the session's
 * grants, destroy the session, clear its cookie, redirect to the RP's post_logout_redirect_uri.
 */
async function endSessionWithoutPrompt(ctx: KoaContextWithOIDC, log: (line: string) => void): Promise<void> {
  const { provider, session, params } = ctx.oidc;
  if (!session) return;
  const grantIds = Object.values(session.authorizations ?? {})
    .map((authorization) => authorization.grantId)
    .filter((grantId): grantId is string => typeof grantId === 'string');
  await Promise.all(
    grantIds.map(async (grantId) => {
      await Promise.all([
        provider.AccessToken.revokeByGrantId(grantId),
        provider.AuthorizationCode.revokeByGrantId(grantId),
        provider.RefreshToken.revokeByGrantId(grantId),
      ]);
      await (await provider.Grant.find(grantId))?.destroy();
    }),
  );
  await session.destroy();
  ctx.cookies.set(provider.cookieName('session'), null, COOKIE_OPTIONS);

  const target = new URL(String(params?.['post_logout_redirect_uri']));
  if (typeof params?.['state'] === 'string') target.searchParams.set('state', params['state']);
  provider.emit('end_session.success', ctx);
  log('signed out (RP-initiated, id_token_hint)');
  ctx.status = 303;
  ctx.redirect(target.href);
}
