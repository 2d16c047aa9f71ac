import { createHash } from 'node:crypto';
import { decodeJwt, EncryptJWT, jwtDecrypt } from 'jose';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { parseCookieHeader, serializeCookie } from './cookies';
import { createJwksKeySource, IdTokenError, verifyIdToken, type TIdTokenClaims } from './id-token';

/**
 * The sign-in failed; `code` picks the message LANDING shows, `detail` (the reason, never a token
 * or secret) goes to the log and the audit log with `claimedSubject`, the `sub` an ID token that
 * failed verification claimed (unverified: who the token says it is, not who signed in).
 */
export class SignInError extends Error {
  constructor(
    readonly code: 'expired' | 'provider' | 'invalid_token' | 'no_access' | 'deactivated' | 'unavailable',
    readonly detail: string,
    readonly claimedSubject: string | null = null,
  ) {
    super(detail);
    this.name = 'SignInError';
  }
}

/** The `sub` a JWT claims, read without verifying it (for the audit row of a refused token). */
function claimedSubject(jwt: string): string | null {
  try {
    const { sub } = decodeJwt(jwt);
    return typeof sub === 'string' && sub.length > 0 ? sub.slice(0, 200) : null;
  } catch {
    return null;
  }
}

export const SIGN_IN_ERROR_MESSAGES: Readonly<Record<SignInError['code'], string>> = {
  expired: 'The sign-in took too long or was started in another tab. Please sign in again.',
  provider: 'The identity provider did not sign you in. Please try again.',
  invalid_token: 'The identity provider’s answer could not be verified, so you were not signed in.',
  no_access: 'Your account has no role in this workspace. Ask an administrator for access.',
  deactivated: 'Your account is deactivated. Ask an administrator if this is a mistake.',
  unavailable: 'Sign-in is unavailable right now. Please try again shortly.',
};

const FLOW_COOKIE_PREFIX = 'lf_auth_';
/**
 * The ID token of the browser's sign-in, sealed, for RP-initiated logout's `id_token_hint`: kept
 * beside the session cookie (same lifetime, cleared with it) and sent only to LANDING's auth routes.
 * In the browser rather than the session store, so a browser whose platform session was ended
 * elsewhere (sign out everywhere) can still end its own provider session.
 */
export const ID_TOKEN_HINT_COOKIE = 'lf_id_hint';
const ID_TOKEN_HINT_PATH = '/api/auth';
const FLOW_TTL_SECONDS = 600;
const ZFlow = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  stepUp: z.boolean(),
});
type TFlow = z.infer<typeof ZFlow>;

export type TRelyingPartyOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** LANDING's public callback URL, exactly as registered with the provider. */
  redirectUri: string;
  scopes: string;
  /** Pinned ID-token algorithms. */
  algorithms: readonly string[];
  /** Encrypts the sign-in state cookie. */
  secret: string;
  /** Secure cookies (https). */
  secureCookies: boolean;
  /** Step-up sign-ins must be this fresh. */
  stepUpMaxAgeSeconds: number;
};

export type TStartedSignIn = { authorizationUrl: string; setCookie: string };
export type TFinishedSignIn = {
  claims: TIdTokenClaims;
  /** The verified ID token itself, for `idTokenHintCookie` (RP-initiated logout). */
  idToken: string;
  returnTo: string;
  stepUp: boolean;
  clearCookie: string;
};

/**
 * LANDING's OpenID Connect relying party: authorization-code flow with PKCE (S256), `state` and
 * `nonce` through `openid-client`, the state kept in a short-lived encrypted cookie (one per
 * flow, so two tabs can sign in at once), and the ID token verified again with `jose` against the
 * provider's JWKS with pinned algorithms. Tokens never reach the browser.
 */
export function createRelyingParty(options: TRelyingPartyOptions) {
  const key = createHash('sha256').update(`lumenforge-auth-flow:${options.secret}`).digest();
  const isInsecure = options.issuer.startsWith('http:');
  let configuration: Promise<oidc.Configuration> | undefined;
  let keys: ReturnType<typeof createJwksKeySource> | undefined;

  const config = () =>
    (configuration ??= oidc
      .discovery(
        new URL(options.issuer),
        options.clientId,
        { client_secret: options.clientSecret },
        oidc.ClientSecretBasic(options.clientSecret),
        isInsecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .then((found) => {
        const jwksUri = found.serverMetadata().jwks_uri;
        if (!jwksUri) throw new Error(`${options.issuer} publishes no jwks_uri`);
        keys = createJwksKeySource(jwksUri);
        return found;
      })
      .catch((error: unknown) => {
        configuration = undefined; // the provider may still be starting: discover again next time
        throw new SignInError('unavailable', `OIDC discovery failed: ${String(error)}`);
      }));

  const cookie = (state: string, value: string, maxAgeSeconds: number) =>
    serializeCookie(`${FLOW_COOKIE_PREFIX}${state.slice(0, 16)}`, value, {
      path: '/api/auth/callback',
      httpOnly: true,
      secure: options.secureCookies,
      sameSite: 'Lax',
      maxAgeSeconds,
    });

  const hintCookie = (value: string, maxAgeSeconds: number) =>
    serializeCookie(ID_TOKEN_HINT_COOKIE, value, {
      path: ID_TOKEN_HINT_PATH,
      httpOnly: true,
      secure: options.secureCookies,
      sameSite: 'Lax',
      maxAgeSeconds,
    });

  return {
    /** The provider's authorization URL and the cookie that carries this flow's secrets. */
    async start(input: { returnTo: string; stepUp: boolean }): Promise<TStartedSignIn> {
      const configured = await config();
      const flow: TFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        returnTo: input.returnTo,
        stepUp: input.stepUp,
      };
      const parameters: Record<string, string> = {
        redirect_uri: options.redirectUri,
        scope: options.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      };
      // Step-up: authenticate again, now, with a second factor.
      if (input.stepUp) Object.assign(parameters, { prompt: 'login', max_age: '0' });
      const sealed = await new EncryptJWT(flow)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${FLOW_TTL_SECONDS}s`)
        .encrypt(key);
      return {
        authorizationUrl: oidc.buildAuthorizationUrl(configured, parameters).href,
        setCookie: cookie(flow.state, sealed, FLOW_TTL_SECONDS),
      };
    },

    /** Checks the provider's answer and returns the verified ID-token claims. */
    async finish(callbackUrl: URL, cookieHeader: string | null): Promise<TFinishedSignIn> {
      const state = callbackUrl.searchParams.get('state') ?? '';
      const clearCookie = cookie(state || 'none', '', 0);
      const sealed = state
        ? parseCookieHeader(cookieHeader).get(`${FLOW_COOKIE_PREFIX}${state.slice(0, 16)}`)
        : undefined;
      if (!sealed) throw new SignInError('expired', 'No sign-in state cookie for this state');
      let flow: TFlow;
      try {
        flow = ZFlow.parse(
          (
            await jwtDecrypt(sealed, key, {
              keyManagementAlgorithms: ['dir'],
              contentEncryptionAlgorithms: ['A256GCM'],
            })
          ).payload,
        );
      } catch (error) {
        throw new SignInError('expired', `Sign-in state cookie rejected: ${String(error)}`);
      }
      if (callbackUrl.searchParams.has('error'))
        throw new SignInError(
          'provider',
          `Provider answered ${callbackUrl.searchParams.get('error')}: ${callbackUrl.searchParams.get('error_description') ?? ''}`,
        );
      const configured = await config();
      let idToken: string | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(configured, callbackUrl, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        idToken = tokens.id_token;
      } catch (error) {
        throw new SignInError('invalid_token', `Code exchange failed: ${String(error)}`);
      }
      if (!idToken || !keys) throw new SignInError('invalid_token', 'No ID token in the token response');
      try {
        const claims = await verifyIdToken(idToken, {
          issuer: options.issuer,
          audience: options.clientId,
          keys,
          algorithms: options.algorithms,
          nonce: flow.nonce,
          ...(flow.stepUp ? { maxAuthAgeSeconds: options.stepUpMaxAgeSeconds } : {}),
        });
        return { claims, idToken, returnTo: flow.returnTo, stepUp: flow.stepUp, clearCookie };
      } catch (error) {
        const reason = error instanceof IdTokenError ? `${error.code}: ${error.message}` : String(error);
        throw new SignInError('invalid_token', `ID token refused (${reason})`, claimedSubject(idToken));
      }
    },

    /**
     * The sealed `ID_TOKEN_HINT_COOKIE` holding `idToken`, for as long as the platform session
     * lives; null when it would not fit in a cookie (a provider's very large ID token): sign-out
     * then asks the provider without a hint, and it confirms with the user.
     */
    async idTokenHintCookie(idToken: string, maxAgeSeconds: number): Promise<string | null> {
      const sealed = await new EncryptJWT({ idToken })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${maxAgeSeconds}s`)
        .encrypt(key);
      try {
        return hintCookie(sealed, maxAgeSeconds);
      } catch {
        return null;
      }
    },

    /** Clears `ID_TOKEN_HINT_COOKIE` (every sign-out). */
    clearIdTokenHintCookie(): string {
      return hintCookie('', 0);
    },

    /** The ID token sealed in the request's `ID_TOKEN_HINT_COOKIE`, or null (none, expired, forged). */
    async readIdTokenHint(cookieHeader: string | null): Promise<string | null> {
      const sealed = parseCookieHeader(cookieHeader).get(ID_TOKEN_HINT_COOKIE);
      if (!sealed) return null;
      try {
        const { payload } = await jwtDecrypt(sealed, key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        return typeof payload['idToken'] === 'string' ? payload['idToken'] : null;
      } catch {
        return null;
      }
    },

    /**
     * The provider's end-session URL (OpenID Connect RP-Initiated Logout 1.0), or null when its
     * discovery document advertises no `end_session_endpoint` (or it cannot be reached: the
     * platform sign-out must not wait for the provider). With `idTokenHint` the provider knows who
     * signs out and may skip its confirmation; it sends the browser back to
     * `postLogoutRedirectUri` (registered with the provider) with `state`.
     */
    async endSessionUrl(input: {
      postLogoutRedirectUri: string;
      idTokenHint: string | null;
      state: string;
    }): Promise<string | null> {
      try {
        const configured = await config();
        if (!configured.serverMetadata().end_session_endpoint) return null;
        return oidc.buildEndSessionUrl(configured, {
          client_id: options.clientId,
          post_logout_redirect_uri: input.postLogoutRedirectUri,
          state: input.state,
          ...(input.idTokenHint ? { id_token_hint: input.idTokenHint } : {}),
        }).href;
      } catch {
        return null;
      }
    },
  };
}
export type TRelyingParty = ReturnType<typeof createRelyingParty>;
