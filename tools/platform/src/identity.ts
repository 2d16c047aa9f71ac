// Sign-in for `npm start` / `npm run dev`: the external OpenID provider at OIDC_ISSUER, or — when it
// is unset — the local one (apps/identity) as a child process with its demo accounts. Either way
// every app gets OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_API_AUDIENCE and AUTH_SECRET.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_IDS, systemUrl } from '@lumenforge/config';
import { ensureSecretFile } from '@lumenforge/config/secret-file';
import { z } from 'zod';
import { probeHealth, stopProcess } from './app-processes';
import { type TRunnerEnv, WORKSPACE_ROOT } from './env';
import { log, pipeLines, prefixer } from './log';

export const IDENTITY_NAME = 'the identity provider';
const AUTH_SECRET_FILE = 'auth-secret';
const READY_TIMEOUT_MS = 60_000;

/** What the apps need to sign people in. */
export type TAuthEnv = {
  OIDC_ISSUER: string;
  OIDC_CLIENT_ID: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_API_AUDIENCE: string;
  AUTH_SECRET: string;
};

export type TLocalIdentity = { child: ChildProcess; issuer: string; home: string };

/** The local provider runs when no external one is configured. */
export function isLocalIdentity(env: TRunnerEnv): boolean {
  return !env.OIDC_ISSUER;
}

export function identityHome(env: TRunnerEnv): string {
  return join(env.LUMENFORGE_HOME, 'identity');
}

/** AUTH_SECRET, or one generated once and kept in LUMENFORGE_HOME/auth-secret (0600). */
export function ensureAuthSecret(env: TRunnerEnv): Promise<string> {
  return ensureSecretFile(env.LUMENFORGE_HOME, AUTH_SECRET_FILE, env.AUTH_SECRET);
}

/**
 * Spawns apps/identity (`node --import tsx apps/identity/src/main.ts`) with a prefixed log. The
 * caller registers stopIdentity at once, then awaits waitForIdentity.
 */
export function spawnLocalIdentity(env: TRunnerEnv): TLocalIdentity {
  const home = identityHome(env);
  const issuer = env.IDENTITY_ISSUER ?? `http://${env.LUMENFORGE_LOCAL_HOST}:${env.IDENTITY_PORT}`;
  log.step(`Starting the local identity provider at ${issuer} (accounts in ${home})…`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps', 'identity', 'src', 'main.ts')],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        // The local stand-in generates its client secrets; production deployments configure them.
        NODE_ENV: 'development',
        IDENTITY_HOME: home,
        IDENTITY_PORT: String(env.IDENTITY_PORT),
        IDENTITY_BIND_HOST: env.LUMENFORGE_BIND_HOST,
        IDENTITY_ISSUER: issuer,
        LANDING_URL:
          env.LANDING_URL ??
          systemUrl('landing', { domain: env.LUMENFORGE_DOMAIN, localHost: env.LUMENFORGE_LOCAL_HOST }),
        OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
        OIDC_API_AUDIENCE: env.OIDC_API_AUDIENCE,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const prefix = prefixer('identity', SYSTEM_IDS.length);
  pipeLines(child.stdout, prefix);
  pipeLines(child.stderr, prefix, process.stderr);
  return { child, issuer, home };
}

/** Resolves when the local provider's /healthz answers ok; rejects if it exits or times out. */
export async function waitForIdentity(env: TRunnerEnv, identity: TLocalIdentity): Promise<void> {
  const { child } = identity;
  const healthUrl = `http://${env.LUMENFORGE_BIND_HOST}:${env.IDENTITY_PORT}/healthz`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `identity exited (${child.exitCode ?? child.signalCode}) before it became healthy; see its log above.`,
      );
    }
    const probe = await probeHealth(healthUrl);
    if ('status' in probe && probe.status === 200 && probe.body?.status === 'ok') return;
    if (Date.now() > deadline) {
      throw new Error(`identity not healthy after ${READY_TIMEOUT_MS / 1000} s: ${JSON.stringify(probe)}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
}

/** SIGTERM the local provider; SIGKILL after the grace period. */
export function stopIdentity(identity: TLocalIdentity, graceMs = 5_000): Promise<void> {
  return stopProcess(identity.child, graceMs);
}

/** The apps' sign-in environment: the external provider's, or the local provider's generated secret. */
export async function resolveAuthEnv(env: TRunnerEnv, local: TLocalIdentity | undefined): Promise<TAuthEnv> {
  const authSecret = await ensureAuthSecret(env);
  const base = {
    OIDC_CLIENT_ID: env.OIDC_CLIENT_ID,
    OIDC_API_AUDIENCE: env.OIDC_API_AUDIENCE,
    AUTH_SECRET: authSecret,
  };
  if (!local) {
    return {
      ...base,
      OIDC_ISSUER: env.OIDC_ISSUER ?? '',
      ...(env.OIDC_CLIENT_SECRET ? { OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET } : {}),
    };
  }
  let secret = env.OIDC_CLIENT_SECRET;
  if (!secret) {
    // Written by apps/identity before it listens: { "<client_id>": "<secret>" }.
    const stored = z
      .record(z.string(), z.string())
      .parse(JSON.parse(await readFile(join(local.home, 'client-secrets.json'), 'utf8')));
    secret = stored[env.OIDC_CLIENT_ID];
    if (!secret)
      throw new Error(`identity: no secret for ${env.OIDC_CLIENT_ID} in ${local.home}/client-secrets.json`);
  }
  return { ...base, OIDC_ISSUER: local.issuer, OIDC_CLIENT_SECRET: secret };
}

const ZDemoAccounts = z.object({
  accounts: z.array(
    z.object({ email: z.string(), role: z.string(), password: z.string(), otpauthUri: z.string() }),
  ),
});

/** After "LumenForge is ready": how to sign in with the local provider's demo accounts. */
export async function printDemoSignIn(local: TLocalIdentity): Promise<void> {
  const file = join(local.home, 'demo-accounts.json');
  let accounts: z.infer<typeof ZDemoAccounts>['accounts'];
  try {
    accounts = ZDemoAccounts.parse(JSON.parse(await readFile(file, 'utf8'))).accounts;
  } catch (error) {
    log.error(`Could not read the demo accounts (${file}): ${String(error)}`);
    return;
  }
  console.log(
    `    ${log.bold('Sign in')} (local identity provider ${local.issuer}; password, then a TOTP code):`,
  );
  for (const account of accounts) {
    console.log(
      `    ${account.email.padEnd(28)} ${account.role.padEnd(9)} password ${account.password}   code: npm run totp -- ${account.email}`,
    );
    console.log(`    ${''.padEnd(28)} ${log.dim(`authenticator app: ${account.otpauthUri}`)}`);
  }
  console.log(`    ${log.dim(`(demo accounts for this machine only; kept in ${file})`)}`);
}
