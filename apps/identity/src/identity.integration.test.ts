// The provider over real HTTP on a free port, driven like a browser (manual redirects, our own
// cookie jar) and like a relying party (openid-client), tokens checked with jose.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@lumenforge/server-process';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentTotp,
  readDemoAccounts,
  rotateKeys,
  startIdentityServer,
  type TDemoAccount,
  type TRunningIdentityServer,
} from './server';

const LANDING_URL = 'http://localhost:3000';
const API_AUDIENCE = 'urn:lumenforge:api';

/** A cookie jar with path matching: enough of a browser for the sign-in pages. */
class Browser {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly origin: string) {}

  private store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) ?? '/';
      const isExpired = attributes.some((attribute) => /^expires=.*1970/i.test(attribute)) || value === '';
      if (isExpired) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  cookieNames(): string[] {
    return [...this.cookies.values()].map((cookie) => cookie.name);
  }

  async request(
    url: string | URL,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const target = new URL(url, this.origin);
    const cookie = [...this.cookies.values()]
      .filter(
        (entry) =>
          target.pathname === entry.path || target.pathname.startsWith(entry.path.replace(/\/?$/, '/')),
      )
      .map((entry) => `${entry.name}=${entry.value}`)
      .join('; ');
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin } : {}),
        ...init.headers,
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.store(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      html: await response.text(),
    };
  }

  /** Follows redirects within the provider; stops at a page, or at a redirect that leaves it. */
  async follow(url: string | URL) {
    let response = await this.request(url);
    for (let hops = 0; hops < 10 && response.location; hops += 1) {
      const next = new URL(response.location, this.origin);
      if (next.origin !== this.origin) return response;
      response = await this.request(next);
    }
    return response;
  }
}

function formAction(html: string, suffix: string): string {
  const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)]
    .map((match) => match[1] ?? '')
    .find((candidate) => candidate.endsWith(suffix));
  if (!action) throw new Error(`no form ending in ${suffix} in:\n${html}`);
  return action;
}

let home: string;
let identity: TRunningIdentityServer;
let accounts: TDemoAccount[];
let landing: oidc.Configuration;

const account = (role: string): TDemoAccount => {
  const found = accounts.find((entry) => entry.role === role);
  if (!found) throw new Error(`no demo account for ${role}`);
  return found;
};

async function startOnFreePort(): Promise<TRunningIdentityServer> {
  const port = await findFreePort();
  return startIdentityServer({
    issuer: `http://127.0.0.1:${port}`,
    home,
    port,
    landingUrl: LANDING_URL,
    apiAudience: API_AUDIENCE,
    log: () => undefined,
  });
}

async function rpConfig(server: TRunningIdentityServer, client: { clientId: string; clientSecret: string }) {
  return oidc.discovery(
    new URL(server.issuer),
    client.clientId,
    { id_token_signed_response_alg: 'ES256' },
    oidc.ClientSecretBasic(client.clientSecret),
    { execute: [oidc.allowInsecureRequests] },
  );
}

/** Starts an authorization request; returns the browser on the login page and the RP's checks. */
async function beginSignIn() {
  const browser = new Browser(identity.issuer);
  const checks = {
    pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
    expectedState: oidc.randomState(),
    expectedNonce: oidc.randomNonce(),
  };
  const authorizationUrl = oidc.buildAuthorizationUrl(landing, {
    redirect_uri: identity.clients.landing.redirectUri,
    scope: 'openid email profile groups',
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: checks.expectedState,
    nonce: checks.expectedNonce,
  });
  const loginPage = await browser.follow(authorizationUrl);
  expect(loginPage.status).toBe(200);
  expect(loginPage.html).toContain('<label for="password">Password</label>');
  return { browser, checks, loginPage };
}

async function submitPassword(browser: Browser, loginHtml: string, email: string, password: string) {
  return browser.request(formAction(loginHtml, '/login'), { form: { email, password } });
}

/** Password, then TOTP code; returns the TOTP page response and the browser. */
async function reachTotpPage(demo: TDemoAccount) {
  const started = await beginSignIn();
  const afterPassword = await submitPassword(
    started.browser,
    started.loginPage.html,
    demo.email,
    demo.password,
  );
  expect(afterPassword.status).toBe(303);
  const totpPage = await started.browser.follow(afterPassword.location ?? '');
  expect(totpPage.status).toBe(200);
  expect(totpPage.html).toContain('Two-step verification');
  return { ...started, totpPage };
}

/** A complete sign-in: returns the callback URL LANDING receives. */
async function signIn(demo: TDemoAccount, code = currentTotp(demo.totpSecret)) {
  const started = await reachTotpPage(demo);
  const afterCode = await started.browser.request(formAction(started.totpPage.html, '/totp'), {
    form: { code },
  });
  expect(afterCode.status).toBe(303);
  const callback = await started.browser.follow(afterCode.location ?? '');
  expect(callback.location).toMatch(new RegExp(`^${identity.clients.landing.redirectUri}\\?`));
  return { ...started, callbackUrl: new URL(callback.location ?? '') };
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'identity-it-'));
  identity = await startOnFreePort();
  accounts = await readDemoAccounts(home);
  landing = await rpConfig(identity, identity.clients.landing);
});

afterAll(async () => {
  await identity?.close();
  await rm(home, { recursive: true, force: true });
});

describe('discovery and keys', () => {
  it('publishes discovery and a JWKS with ES256 keys only', async () => {
    const discovery = (await (
      await fetch(`${identity.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery['issuer']).toBe(identity.issuer);
    expect(discovery['id_token_signing_alg_values_supported']).toEqual(['ES256']);
    expect(discovery['code_challenge_methods_supported']).toEqual(['S256']);
    expect(discovery['response_types_supported']).toEqual(['code']);
    expect(discovery['scopes_supported']).toEqual(
      expect.arrayContaining(['openid', 'email', 'profile', 'groups']),
    );
    expect(discovery['end_session_endpoint']).toBe(`${identity.issuer}/session/end`);

    const jwks = (await (await fetch(String(discovery['jwks_uri']))).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${identity.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('authorization code + PKCE with password and TOTP', () => {
  it('signs in and issues an ID token with the account claims, amr and nonce', async () => {
    const admin = account('admin');
    const { checks, callbackUrl, browser } = await signIn(admin);
    expect(browser.cookieNames()).toContain('lf_idp_session');

    const tokens = await oidc.authorizationCodeGrant(landing, callbackUrl, checks);
    expect(decodeProtectedHeader(tokens.id_token ?? '').alg).toBe('ES256');
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: identity.issuer,
      aud: identity.clients.landing.clientId,
      sub: admin.sub,
      email: 'admin@lumenforge.local',
      email_verified: true,
      name: admin.name,
      groups: ['lumenforge-admin'],
      nonce: checks.expectedNonce,
      acr: 'urn:lumenforge:acr:mfa',
    });
    expect(claims?.['amr']).toEqual(['pwd', 'otp']);
    expect(typeof claims?.auth_time).toBe('number');
  });

  it('serves the sign-in pages with a strict CSP and no scripts', async () => {
    const { loginPage } = await beginSignIn();
    const csp = loginPage.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[^']+'/);
    expect(loginPage.html).not.toContain('<script');
    expect(loginPage.headers.get('cache-control')).toBe('no-store');
    // no-referrer would make browsers send `Origin: null` on the forms, which the Origin check refuses.
    expect(loginPage.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refuses a wrong password, or an unknown email, with the same error and no code', async () => {
    const engineer = account('engineer');
    const { browser, loginPage } = await beginSignIn();
    const wrong = await submitPassword(browser, loginPage.html, engineer.email, 'not-the-password');
    const unknown = await submitPassword(
      browser,
      loginPage.html,
      'nobody@lumenforge.local',
      'not-the-password',
    );
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.location).toBeNull();
      expect(response.html).toContain('role="alert"');
      expect(response.html).toContain('The email or password is incorrect.');
    }
    const empty = await submitPassword(browser, loginPage.html, '', '');
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Enter your email and your password.');
  });

  it('refuses a wrong TOTP code with an error and no code', async () => {
    const engineer = account('engineer');
    const { browser, totpPage } = await reachTotpPage(engineer);
    const good = currentTotp(engineer.totpSecret);
    const wrongCode = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const response = await browser.request(formAction(totpPage.html, '/totp'), { form: { code: wrongCode } });
    expect(response.status).toBe(401);
    expect(response.location).toBeNull();
    expect(response.html).toContain('That code is not correct.');
    const malformed = await browser.request(formAction(totpPage.html, '/totp'), { form: { code: 'abc' } });
    expect(malformed.status).toBe(400);
  });

  it('refuses a TOTP code that was already used', async () => {
    const agent = account('agent');
    const code = currentTotp(agent.totpSecret);
    await signIn(agent, code);
    const { browser, totpPage } = await reachTotpPage(agent);
    const replayed = await browser.request(formAction(totpPage.html, '/totp'), { form: { code } });
    expect(replayed.status).toBe(401);
    expect(replayed.location).toBeNull();
    expect(replayed.html).toContain('already used');
  });

  it('locks an account for five minutes after five failed attempts', async () => {
    const designer = account('designer');
    const { browser, loginPage } = await beginSignIn();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (await submitPassword(browser, loginPage.html, designer.email, `wrong-${attempt}`)).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const withRightPassword = await submitPassword(
      browser,
      loginPage.html,
      designer.email,
      designer.password,
    );
    expect(withRightPassword.status).toBe(429);
    expect(withRightPassword.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(withRightPassword.html).toContain('locked for 5 minutes');
  });

  it('refuses forms from another origin and forms without the interaction cookie', async () => {
    const engineer = account('engineer');
    const { browser, loginPage } = await beginSignIn();
    const action = formAction(loginPage.html, '/login');
    const crossSite = await browser.request(action, {
      form: { email: engineer.email, password: engineer.password },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const cookieless = await new Browser(identity.issuer).request(action, {
      form: { email: engineer.email, password: engineer.password },
    });
    expect(cookieless.status).toBe(400);
    expect(cookieless.html).toContain('This sign-in has expired');
  });

  it('signs out without a prompt when the RP sends its id_token_hint and a registered return URL', async () => {
    // engineer: the account whose TOTP step no earlier test used.
    const { checks, callbackUrl, browser } = await signIn(account('engineer'));
    const tokens = await oidc.authorizationCodeGrant(landing, callbackUrl, checks);
    const logoutUrl = oidc.buildEndSessionUrl(landing, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: identity.clients.landing.postLogoutRedirectUri,
      state: 'bye',
    });
    const logout = await browser.request(logoutUrl);
    expect(logout.status).toBe(303);
    expect(logout.location).toBe(`${identity.clients.landing.postLogoutRedirectUri}?state=bye`);
    expect(browser.cookieNames()).not.toContain('lf_idp_session');

    // A second tab's sign-out, after the first ended the provider session: nothing to confirm,
    // the provider's self-submitting form (no question) leads straight back to the RP.
    const again = await browser.request(logoutUrl);
    expect(again.status).toBe(200);
    expect(again.html).not.toContain('Do you want to sign out');
    expect(again.html).toContain('<input type="hidden" name="logout" value="yes"/>');

    const loginAgain = await browser.follow(
      oidc.buildAuthorizationUrl(landing, {
        redirect_uri: identity.clients.landing.redirectUri,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }),
    );
    expect(loginAgain.html).toContain('<label for="password">Password</label>');
  });
});

describe('client credentials for the agent', () => {
  it('issues a JWT access token for the API audience, verifiable against the JWKS', async () => {
    const agentClient = await rpConfig(identity, identity.clients.agent);
    const response = await oidc.clientCredentialsGrant(agentClient, {
      scope: 'components.read builds.run admin.everything',
      resource: API_AUDIENCE,
    });
    expect(response.token_type.toLowerCase()).toBe('bearer');
    expect(response.expires_in).toBe(600);
    const jwks = createRemoteJWKSet(new URL(`${identity.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(response.access_token, jwks, {
      issuer: identity.issuer,
      audience: API_AUDIENCE,
      algorithms: ['ES256'],
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({
      aud: API_AUDIENCE,
      client_id: identity.clients.agent.clientId,
      sub: identity.clients.agent.clientId,
      scope: 'components.read builds.run',
    });
  });

  it('defaults the resource to the API audience', async () => {
    const agentClient = await rpConfig(identity, identity.clients.agent);
    const response = await oidc.clientCredentialsGrant(agentClient, { scope: 'mcp.use' });
    const { payload } = await jwtVerify(
      response.access_token,
      createRemoteJWKSet(new URL(`${identity.issuer}/jwks`)),
      {
        audience: API_AUDIENCE,
      },
    );
    expect(payload['scope']).toBe('mcp.use');
  });

  it('refuses the landing client and a wrong secret', async () => {
    await expect(oidc.clientCredentialsGrant(landing, { scope: 'mcp.use' })).rejects.toMatchObject({
      error_description: 'requested grant type is not allowed for this client',
    });
    const wrongSecret = await rpConfig(identity, {
      clientId: identity.clients.agent.clientId,
      clientSecret: 'x'.repeat(43),
    });
    await expect(oidc.clientCredentialsGrant(wrongSecret, { scope: 'mcp.use' })).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('key rotation', () => {
  it('publishes the new and the previous key, and signs with the new one', async () => {
    const before = (await (await fetch(`${identity.issuer}/jwks`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    const { currentKid, publishedKids } = await rotateKeys(home);
    expect(publishedKids).toEqual([currentKid, before.keys[0]?.kid]);

    const restarted = await startOnFreePort();
    try {
      const jwks = (await (await fetch(`${restarted.issuer}/jwks`)).json()) as {
        keys: Array<{ kid: string; alg: string }>;
      };
      expect(jwks.keys.map((key) => key.kid)).toEqual(publishedKids);
      expect(jwks.keys.every((key) => key.alg === 'ES256')).toBe(true);

      const agentClient = await rpConfig(restarted, restarted.clients.agent);
      const { access_token: accessToken } = await oidc.clientCredentialsGrant(agentClient, {
        scope: 'builds.read',
      });
      expect(decodeProtectedHeader(accessToken).kid).toBe(currentKid);
      // Same home, same secrets and accounts after a restart.
      expect(restarted.clients.agent.clientSecret).toBe(identity.clients.agent.clientSecret);
      expect(await readDemoAccounts(home)).toEqual(accounts);
    } finally {
      await restarted.close();
    }
  });
});
