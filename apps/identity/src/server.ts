// The identity provider as a plain Node HTTP server: /healthz, the sign-in interaction pages, and
// everything else to oidc-provider. Tests start it in-process on a free port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { ensureClientSecrets } from './client-secrets';
import { AccountDirectory, ensureDemoAccounts } from './demo-accounts';
import { ensureIdentityHome } from './identity-home';
import { createInteractionHandler } from './interactions';
import { LoginThrottle } from './login-throttle';
import { createProvider, landingRedirects } from './provider';
import { ensureCookieKeys, ensureSigningKeys } from './signing-keys';
import { TotpVerifier } from './totp';
import { contentSecurityPolicy } from './views';

export type TIdentityServerOptions = {
  /** Issuer identifier, e.g. http://localhost:3100 (no path, no trailing slash). */
  issuer: string;
  /** IDENTITY_HOME: keys, client secrets, accounts (created 0700). */
  home: string;
  /** LANDING's base URL; the redirect URIs are derived from it. */
  landingUrl: string;
  landingClientId?: string;
  /** Unset: generated once and kept in IDENTITY_HOME/client-secrets.json. */
  landingClientSecret?: string;
  agentClientId?: string;
  agentClientSecret?: string;
  apiAudience?: string;
  /** Honour X-Forwarded-* headers (behind a TLS-terminating proxy). */
  trustProxy?: boolean;
  /** Receives one line per event; never secrets. Default: console.log. */
  log?: (line: string) => void;
};

export type TIdentityServer = {
  server: Server;
  provider: Provider;
  issuer: string;
  clients: {
    landing: { clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri: string };
    agent: { clientId: string; clientSecret: string };
  };
  apiAudience: string;
  /** Starts listening; resolves with the bound port. */
  listen: (port: number, host?: string) => Promise<number>;
  close: () => Promise<void>;
};

export type TStartIdentityServerOptions = TIdentityServerOptions & { port: number; host?: string };
export type TRunningIdentityServer = TIdentityServer & { port: number; url: string };

/**
 * Loads (or creates) the state in `options.home` — signing and cookie keys, client secrets, demo
 * accounts — and builds the server without listening yet.
 */
export async function createIdentityServer(options: TIdentityServerOptions): Promise<TIdentityServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const issuer = options.issuer.replace(/\/+$/, '');
  const landingClientId = options.landingClientId ?? 'lumenforge-landing';
  const agentClientId = options.agentClientId ?? 'lumenforge-agent';
  const apiAudience = options.apiAudience ?? 'urn:lumenforge:api';
  const landingUrl = options.landingUrl.replace(/\/+$/, '');

  await ensureIdentityHome(options.home);
  const [signingKeys, cookieKeys, secrets, accountList] = await Promise.all([
    ensureSigningKeys(options.home),
    ensureCookieKeys(options.home),
    ensureClientSecrets(options.home, [
      { clientId: landingClientId, configuredSecret: options.landingClientSecret },
      { clientId: agentClientId, configuredSecret: options.agentClientSecret },
    ]),
    ensureDemoAccounts(options.home),
  ]);
  const landingSecret = secrets.get(landingClientId) ?? '';
  const agentSecret = secrets.get(agentClientId) ?? '';
  const accounts = new AccountDirectory(accountList);

  const provider = createProvider({
    issuer,
    signingKeys,
    cookieKeys,
    accounts,
    landing: { clientId: landingClientId, clientSecret: landingSecret, url: landingUrl },
    agent: { clientId: agentClientId, clientSecret: agentSecret },
    apiAudience,
    trustProxy: options.trustProxy ?? false,
    log,
  });
  const handleInteraction = createInteractionHandler({
    provider,
    accounts,
    throttle: new LoginThrottle(),
    totp: new TotpVerifier(),
    issuer,
    landingUrl,
    firstPartyClientIds: new Set([landingClientId, agentClientId]),
    contentSecurityPolicy: contentSecurityPolicy([new URL(landingUrl).origin]),
    log,
  });
  const providerCallback = provider.callback();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://identity.invalid');
    if (url.pathname === '/healthz') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      handleInteraction(req, res, url).catch((error: unknown) => {
        log(`interaction error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        res.end('The sign-in failed on the server. Try again.');
      });
      return;
    }
    void providerCallback(req, res);
  });
  // Browsers keep connections open; without this close() waits for them.
  server.keepAliveTimeout = 5_000;

  const { redirectUri, postLogoutRedirectUri } = landingRedirects(landingUrl);
  return {
    server,
    provider,
    issuer,
    apiAudience,
    clients: {
      landing: { clientId: landingClientId, clientSecret: landingSecret, redirectUri, postLogoutRedirectUri },
      agent: { clientId: agentClientId, clientSecret: agentSecret },
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolveListen((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/** createIdentityServer, then listen on `options.port` (0 = any free port) and `options.host`. */
export async function startIdentityServer(
  options: TStartIdentityServerOptions,
): Promise<TRunningIdentityServer> {
  const identity = await createIdentityServer(options);
  const host = options.host ?? '127.0.0.1';
  const port = await identity.listen(options.port, host);
  return { ...identity, port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

export { readDemoAccounts, type TDemoAccount } from './demo-accounts';
export { currentTotp } from './totp';
export { rotateKeys } from './signing-keys';
export { readClientSecrets } from './client-secrets';
