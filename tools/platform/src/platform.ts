import { SYSTEM_IDS, SYSTEMS, systemUrl } from '@lumenforge/config';
import { spawnApp, stopApps, waitUntilHealthy, type TAppMode, type TRunningApp } from './app-processes';
import { prepareDatabase } from './database';
import { readRunnerEnv } from './env';
import {
  IDENTITY_NAME,
  isLocalIdentity,
  printDemoSignIn,
  resolveAuthEnv,
  spawnLocalIdentity,
  stopIdentity,
  type TLocalIdentity,
  waitForIdentity,
} from './identity';
import { log } from './log';
import { runNx } from './nx';
import { assertPortsFree } from './ports';

/**
 * `npm start` (production builds) and `npm run dev` (next dev): database, migrations and seed,
 * builds, the local identity provider (unless OIDC_ISSUER is set), the six apps with one prefixed
 * log, and a clean stop on Ctrl-C.
 */
export async function runPlatform(mode: TAppMode): Promise<void> {
  const startedAt = performance.now();
  const env = readRunnerEnv();
  const cleanups: Array<() => Promise<void>> = [];
  let apps: TRunningApp[] = [];
  let isStopping = false;

  const stop = async (exitCode: number, reason?: string) => {
    if (isStopping) return;
    isStopping = true;
    if (reason) log.info(reason);
    await stopApps(apps);
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log.error(String(error)));
    log.info('Stopped.');
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(
      signal,
      () =>
        void stop(
          0,
          `${signal}: stopping the apps${env.DATABASE_URL ? '' : ' and the embedded PostgreSQL'}…`,
        ),
    );
  }

  try {
    await assertPortsFree(
      [
        ...SYSTEM_IDS.map((id) => ({ name: SYSTEMS[id].name, port: SYSTEMS[id].port })),
        ...(isLocalIdentity(env) ? [{ name: IDENTITY_NAME, port: env.IDENTITY_PORT }] : []),
      ],
      env.LUMENFORGE_BIND_HOST,
    );

    log.step('Generating the database client and the design-token theme…');
    const generated = await runNx(
      ['run-many', '-t', 'build', '--projects=prisma,tokens', '--outputStyle=static'],
      { quiet: true },
    );
    if (generated.code !== 0) throw new Error(`Code generation failed:\n${generated.output}`);

    // The database, the app builds and the identity provider are independent: side by side.
    let identity: TLocalIdentity | undefined;
    const startIdentity = async () => {
      if (!isLocalIdentity(env)) return;
      const started = spawnLocalIdentity(env);
      cleanups.push(() => stopIdentity(started));
      started.child.once('exit', (code, signal) => {
        if (!isStopping)
          void stop(1, `identity exited unexpectedly (${code ?? signal}); stopping everything.`);
      });
      await waitForIdentity(env, started);
      identity = started;
    };
    const [database] = await Promise.all([
      prepareDatabase(env, (cleanup) => cleanups.push(cleanup)),
      mode === 'production' ? buildApps() : Promise.resolve(),
      startIdentity(),
    ]);
    if (!isLocalIdentity(env)) log.step(`Signing in through ${env.OIDC_ISSUER} (OIDC_ISSUER).`);
    const authEnv = await resolveAuthEnv(env, identity);

    const childEnv = { ...process.env, DATABASE_URL: database.url, ...authEnv };
    apps = SYSTEM_IDS.map((id) => spawnApp({ id, mode, bindHost: env.LUMENFORGE_BIND_HOST, env: childEnv }));
    for (const app of apps) {
      app.child.once('exit', (code, signal) => {
        if (!isStopping)
          void stop(1, `${app.id} exited unexpectedly (${code ?? signal}); stopping everything.`);
      });
    }
    await waitUntilHealthy(apps, env.LUMENFORGE_BIND_HOST, env.LUMENFORGE_READY_TIMEOUT * 1000);

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log('');
    log.step(`${log.bold('LumenForge is ready')} in ${seconds} s (${mode}, ${database.description}).`);
    for (const id of SYSTEM_IDS) {
      console.log(
        `    ${SYSTEMS[id].name.padEnd(9)} ${systemUrl(id, { localHost: env.LUMENFORGE_LOCAL_HOST }).padEnd(24)} ${log.dim(SYSTEMS[id].tagline)}`,
      );
    }
    if (identity) {
      console.log('');
      await printDemoSignIn(identity);
    }
    console.log(`\n    Press Ctrl-C to stop.\n`);
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    await stop(1);
  }
}

async function buildApps(): Promise<void> {
  log.step('Building the six apps (Nx cache: unchanged apps are not rebuilt)…');
  const build = await runNx([
    'run-many',
    '-t',
    'build',
    '--projects=tag:type:app',
    '--parallel=2',
    '--outputStyle=static',
  ]);
  if (build.code !== 0) throw new Error('The build failed; see the output above.');
}
