import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import base from './playwright.config';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '..');
const OUTPUT = join(WORKSPACE_ROOT, 'test-output');

/**
 * The second end-to-end pass: the six apps in cluster mode (events on NATS JetStream, cache and
 * rate limits in Redis) against this machine's Redis and NATS, as `npm start` runs them with
 * REDIS_URL and NATS_URL set. Runs after the single-node pass (same ports).
 */
export default defineConfig({
  ...base,
  outputDir: join(OUTPUT, 'e2e', 'results-cluster'),
  reporter: [['list'], ['json', { outputFile: join(OUTPUT, 'reports', 'playwright-cluster.json') }]],
  projects: [
    { name: 'cluster', testMatch: ['cluster/**/*.spec.ts'], use: { baseURL: systemUrl('landing') } },
  ],
  webServer: {
    ...(Array.isArray(base.webServer) ? base.webServer[0] : base.webServer),
    command: 'node tools/platform/bootstrap.mjs start',
    cwd: WORKSPACE_ROOT,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: '',
      LUMENFORGE_HOME: join(WORKSPACE_ROOT, '.lumenforge', 'e2e-cluster'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
      TRUSTED_PROXIES: '127.0.0.1,::1', // as in playwright.config.ts
    },
  },
});
