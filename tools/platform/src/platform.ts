import { IGNIS_ENGINE_SECRET_FILE, SYSTEM_IDS, SYSTEMS, systemUrl } from '@lumenforge/config';
import { ensureSecretFile } from '@lumenforge/config/secret-file';
import { spawnApp, type TAppMode } from './app-processes';
import { startControlServer, type TControlServer } from './control-server';
import { prepareDatabase } from './database';
import { ENGINE_PROCESSES, supervisedEngineProcess } from './engine-processes';
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
import { Supervisor } from './supervisor';

/**
 * `npm start` (production builds) and `npm run dev` (next dev): database, migrations and seed,
 * builds, the local identity provider (unless OIDC_ISSUER is set), the six apps with one prefixed
 * log under a supervisor (restarts with backoff; `npm run apps` / `npm run app` through the
 * control socket in LUMENFORGE_HOME), and a clean stop on Ctrl-C.
 */
export async function runPlatform(mode: TAppMode): Promise<void> {
  const startedAt = performance.now();
  const env = readRunnerEnv();
  const cleanups: Array<() => Promise<void>> = [];
  let supervisor: Supervisor | undefined;
  let control: TControlServer | undefined;
  let isStopping = false;

  const stop = async (exitCode: number, reason?: string) => {
    if (isStopping) return;
    isStopping = true;
    if (reason) log.info(reason);
    // stopAll first: from here on an app's exit (Ctrl-C reaches the apps too) is not a crash.
    const appsStopped = supervisor?.stopAll();
    await control?.close().catch((error: unknown) => log.error(String(error)));
    await appsStopped;
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
        ...ENGINE_PROCESSES.flatMap((spec) => (spec.port ? [{ name: spec.name, port: spec.port }] : [])),
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
      // Not supervised (its exit still stops everything): it is the development stand-in, not one
      // of the six systems; it keeps grants and sessions in memory (apps/identity memory-adapter),
      // so a restarted one would silently have lost every sign-in under way, and the apps took
      // its issuer and client secret at their start. A loud stop is clearer than a half-working platform.
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

    // The engines' control secret: generated once in LUMENFORGE_HOME, given to the engines and the apps that call them.
    const engineSecret = await ensureSecretFile(
      env.LUMENFORGE_HOME,
      IGNIS_ENGINE_SECRET_FILE,
      env.IGNIS_ENGINE_SECRET,
    );
    const childEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      ...authEnv,
      LUMENFORGE_HOME: env.LUMENFORGE_HOME,
      IGNIS_ENGINE_SECRET: engineSecret,
    };
    const bindHost = env.LUMENFORGE_BIND_HOST;
    supervisor = new Supervisor({
      processes: [
        ...SYSTEM_IDS.map((id) => ({
          id,
          name: SYSTEMS[id].name,
          port: SYSTEMS[id].port,
          url: systemUrl(id, { localHost: env.LUMENFORGE_LOCAL_HOST }),
          healthUrl: `http://${bindHost}:${SYSTEMS[id].port}/api/health`,
          spawn: () => spawnApp({ id, mode, bindHost, env: childEnv }),
        })),
        // Engine processes (IGNIS's preview engine, its build worker) beside the apps, under the same supervisor.
        ...ENGINE_PROCESSES.map((spec) => supervisedEngineProcess(spec, { env: childEnv, bindHost })),
      ],
      readyTimeoutMs: env.LUMENFORGE_READY_TIMEOUT * 1000,
    });
    control = await startControlServer({ home: env.LUMENFORGE_HOME, supervisor });
    // At boot a process that exits stops everything (bad config or build); afterwards it is restarted.
    await supervisor.startAll();

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
    console.log(
      `\n    ${log.dim('npm run apps')} lists the apps and engine processes; ${log.dim('npm run app -- stop|start|restart <id>')} controls one.`,
    );
    console.log(`    Press Ctrl-C to stop.\n`);
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
