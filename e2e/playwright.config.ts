import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { SYSTEM_IDS, systemUrl } from '@lumenforge/config';
import { CHROMIUM_ARGS, findChromium } from '@lumenforge/platform/chromium';
import { E2E_HOME, storageStateFor } from './shared/sign-in';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '..');
const OUTPUT = join(WORKSPACE_ROOT, 'test-output');
const isCI = Boolean(process.env.CI);
/** Stops and starts an app of the platform: runs alone, after the specs that need every app up. */
const RESTART_SPEC = 'landing/app-restart.spec.ts';

/**
 * One Playwright project per app (its baseURL is the app's URL). The platform is started exactly
 * as `npm start` starts it (embedded PostgreSQL, production builds), in its own data directory.
 */
export default defineConfig({
  testDir: '.',
  outputDir: join(OUTPUT, 'e2e', 'results'),
  fullyParallel: true,
  workers: 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 30_000,
  reporter: [
    ['list'],
    ['json', { outputFile: join(OUTPUT, 'reports', 'playwright.json') }],
    ['html', { open: 'never', outputFolder: join(OUTPUT, 'e2e', 'report') }],
  ],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: findChromium(process.env.CHROMIUM_PATH), args: CHROMIUM_ARGS },
  },
  projects: [
    // Signs in once per role through the real local provider; the app projects reuse the cookies.
    { name: 'auth-setup', testMatch: ['auth/auth.setup.ts'] },
    ...SYSTEM_IDS.map((id) => ({
      name: id,
      testMatch: ['shared/**/*.spec.ts', `${id}/**/*.spec.ts`],
      testIgnore: [RESTART_SPEC],
      dependencies: ['auth-setup'],
      use: { baseURL: systemUrl(id), storageState: storageStateFor('admin') },
    })),
    // `npm run ops -- verify` as a child process against this platform (tools/ops).
    { name: 'ops', testMatch: ['ops/**/*.spec.ts'], dependencies: ['auth-setup'] },
    // Stops IGNIS and starts it again through the platform's control socket (in LUMENFORGE_HOME):
    // after the app and ops projects, before auth, so no other spec runs meanwhile.
    {
      name: 'restart',
      testMatch: [RESTART_SPEC],
      dependencies: ['auth-setup', ...SYSTEM_IDS, 'ops'],
      use: { baseURL: systemUrl('landing'), storageState: storageStateFor('admin') },
    },
    // Sign-in, sign-out and the attack corpus: their own sessions, after the others (sign-out
    // everywhere would end the shared ones).
    {
      name: 'auth',
      testMatch: ['auth/**/*.spec.ts'],
      dependencies: ['auth-setup', ...SYSTEM_IDS, 'restart'],
      use: { baseURL: systemUrl('landing') },
    },
  ],
  webServer: {
    command: 'node tools/platform/bootstrap.mjs start',
    cwd: WORKSPACE_ROOT,
    // The runner prints this once all six /api/health are ok; the URL lets a running platform be reused.
    wait: { stdout: /LumenForge is ready/ },
    url: 'http://127.0.0.1:3000/api/health',
    timeout: 10 * 60_000,
    reuseExistingServer: !isCI,
    // Single-node, whatever the shell has: the embedded PostgreSQL (not the integration suite's test
    // server), events in PostgreSQL, no Redis or NATS. `npm test` exports REDIS_URL and NATS_URL for
    // the integration suites, and Playwright passes the shell's environment on; the cluster pass
    // (playwright.cluster.config.ts) sets them itself.
    env: {
      DATABASE_URL: '',
      REDIS_URL: '',
      REDIS_SENTINELS: '',
      NATS_URL: '',
      // The specs play a reverse proxy on loopback that reports each client in X-Forwarded-For
      // (auth/attacks.spec.ts: per-client sign-in limits); nothing else is believed.
      TRUSTED_PROXIES: '127.0.0.1,::1',
      // The demo accounts (shared/sign-in.ts) and the control socket (shared/platform-control.ts) are here.
      LUMENFORGE_HOME: E2E_HOME,
    },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'pipe',
  },
});
