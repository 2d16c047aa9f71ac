import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { E2E_HOME, signIn, storageStateFor } from '../shared/sign-in';

const LANDING = systemUrl('landing');

function sessionCookieOf(state: string): string {
  const { cookies } = JSON.parse(readFileSync(state, 'utf8')) as {
    cookies: Array<{ name: string; value: string }>;
  };
  const cookie = cookies.find((candidate) => candidate.name === 'lf_session');
  if (!cookie) throw new Error(`No lf_session in ${state}`);
  return cookie.value;
}

function unsignedJwt(payload: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

async function statusOf(request: APIRequestContext, url: string, headers: Record<string, string>) {
  return (await request.get(url, { headers, maxRedirects: 0 })).status();
}

test.describe('[AUTH][ATTACKS] each refused with the right status, nothing changed', () => {
  test('a forged x-middleware-subrequest header does not skip the checks (CVE-2025-29927)', async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    for (const forged of [
      'middleware:middleware:middleware:middleware:middleware',
      'proxy:proxy:proxy:proxy:proxy',
      'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
    ]) {
      expect(await statusOf(request, `${LANDING}/api/auth/me`, { 'x-middleware-subrequest': forged })).toBe(
        401,
      );
      expect(
        await statusOf(request, `${systemUrl('waypoint')}/`, { 'x-middleware-subrequest': forged }),
      ).toBe(307);
    }
    await request.dispose();
  });

  test('an unsigned (alg: none) access token, a garbage Bearer and a revoked API token are refused', async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    const forged = unsignedJwt({
      iss: 'http://localhost:3100',
      aud: 'urn:lumenforge:api',
      client_id: 'lumenforge-agent',
      scope: 'mcp.use',
      exp: 9_999_999_999,
      iat: 1,
    });
    expect(await statusOf(request, `${LANDING}/api/auth/me`, { authorization: `Bearer ${forged}` })).toBe(
      401,
    );
    expect(
      await statusOf(request, `${LANDING}/api/auth/me`, { authorization: 'Bearer lf_not-a-real-token' }),
    ).toBe(401);

    const cookie = `lf_session=${sessionCookieOf(storageStateFor('engineer'))}`;
    const created = await request.post(`${LANDING}/api/account/tokens`, {
      headers: { cookie, origin: LANDING },
      data: { name: 'e2e revocation', scopes: ['builds.read'], expiresInDays: 7 },
    });
    expect(created.status()).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const asToken = await request.get(`${LANDING}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await asToken.json()).toMatchObject({ kind: 'api_token', permissions: ['builds.read'] });
    const revoked = await request.delete(`${LANDING}/api/account/tokens/${id}`, {
      headers: { cookie, origin: LANDING },
    });
    expect(revoked.ok()).toBe(true);
    expect(await statusOf(request, `${LANDING}/api/auth/me`, { authorization: `Bearer ${token}` })).toBe(401);
    await request.dispose();
  });

  test('the agent signs in with client credentials and gets only its scopes', async ({ playwright }) => {
    const request = await playwright.request.newContext();
    const secrets = JSON.parse(
      readFileSync(join(E2E_HOME, 'identity', 'client-secrets.json'), 'utf8'),
    ) as Record<string, string>;
    const issuer = 'http://localhost:3100';
    const discovery = (await (await request.get(`${issuer}/.well-known/openid-configuration`)).json()) as {
      token_endpoint: string;
    };
    const granted = await request.post(discovery.token_endpoint, {
      form: {
        grant_type: 'client_credentials',
        scope: 'mcp.use builds.read',
        resource: 'urn:lumenforge:api',
      },
      headers: {
        authorization: `Basic ${Buffer.from(`lumenforge-agent:${secrets['lumenforge-agent'] ?? ''}`).toString('base64')}`,
      },
    });
    expect(granted.status()).toBe(200);
    const { access_token } = (await granted.json()) as { access_token: string };
    const me = await request.get(`${LANDING}/api/auth/me`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'client_credentials', role: 'agent' });
    expect(((await me.json()) as { permissions: string[] }).permissions.sort()).toEqual([
      'builds.read',
      'mcp.use',
    ]);
    // A token for the agent does not open the admin API.
    expect(
      await statusOf(request, `${LANDING}/api/admin/users`, { authorization: `Bearer ${access_token}` }),
    ).toBe(403);
    await request.dispose();
  });

  test('writes from another origin or with no Origin are refused and change nothing', async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    const cookie = `lf_session=${sessionCookieOf(storageStateFor('designer'))}`;
    const attempts: Array<Record<string, string>> = [{ cookie, origin: 'https://evil.example' }, { cookie }];
    for (const headers of attempts) {
      const response = await request.post(`${LANDING}/api/auth/logout-everywhere`, {
        headers,
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden_origin' });
    }
    expect(await statusOf(request, `${LANDING}/api/auth/me`, { cookie })).toBe(200); // still signed in
    await request.dispose();
  });

  test('an open redirect through the return URL lands on LUMENFORGE instead', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor('designer') });
    const page = await context.newPage();
    for (const evil of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      `${LANDING}.evil.example/`,
      'javascript:alert(1)',
    ]) {
      await page.goto(`${LANDING}/signin?returnTo=${encodeURIComponent(evil)}`);
      await expect(page).toHaveURL(`${LANDING}/`);
    }
    await context.close();
  });

  test('session fixation: a planted cookie is replaced by a new session at sign-in; a revoked session is refused', async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    await context.addCookies([
      {
        name: 'lf_session',
        value: 'attacker-chosen-session-token-value-000000000',
        domain: 'localhost',
        path: '/',
      },
    ]);
    const page = await context.newPage();
    await signIn(page, 'agent');
    const issued = (await context.cookies()).find((cookie) => cookie.name === 'lf_session');
    expect(issued?.value).toBeTruthy();
    expect(issued?.value).not.toBe('attacker-chosen-session-token-value-000000000');
    expect(issued).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const request = await page.context().request;
    await page.goto(`${LANDING}/`);
    await page.getByTestId('user-menu').locator('summary').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByTestId('signed-out')).toBeVisible();
    // The old cookie, replayed after sign-out, opens nothing.
    const replay = await request.get(`${LANDING}/api/auth/me`, {
      headers: { cookie: `lf_session=${issued?.value ?? ''}` },
    });
    expect(replay.status()).toBe(401);
    await context.close();
  });

  test('a flood of sign-in attempts is cut off with 429, whatever X-Forwarded-For the client adds', async ({
    playwright,
  }) => {
    // The platform trusts loopback as a proxy (TRUSTED_PROXIES in playwright.config.ts): the last
    // X-Forwarded-For hop is the client the proxy saw; what the client wrote before it is not read.
    const request = await playwright.request.newContext();
    const forged = () => `198.51.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
    const flooder = () => ({ 'x-forwarded-for': `${forged()}, 203.0.113.77` });
    let limited = 0;
    for (let attempt = 0; attempt < 140 && limited === 0; attempt += 1) {
      const response = await request.get(`${LANDING}/api/auth/login`, {
        headers: flooder(),
        maxRedirects: 0,
      });
      if (response.status() === 429) limited += 1;
    }
    expect(limited).toBe(1);
    const blocked = await request.get(`${LANDING}/api/auth/login`, { headers: flooder(), maxRedirects: 0 });
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    expect(
      (
        await request.get(`${LANDING}/api/auth/login`, {
          headers: { 'x-forwarded-for': '203.0.113.78' },
          maxRedirects: 0,
        })
      ).status(),
    ).toBe(303);
    await request.dispose();
  });
});
