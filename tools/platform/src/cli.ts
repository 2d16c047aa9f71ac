import {
  APP_ACTIONS,
  ControlRequestError,
  controlApp,
  listApps,
  PlatformNotRunningError,
  type TAppAction,
  type TAppStatus,
} from './control-client';
import { readRunnerEnv } from './env';
import { log } from './log';
import { runPlatform } from './platform';
import { runTests } from './test-command';

const USAGE = `Usage: lumenforge <command>

  start              build (cached) and run the six apps in production mode  (npm start)
  dev                run the six apps with next dev and hot reload            (npm run dev)
  test               lint, typecheck, build, unit, integration and e2e tests (npm test)
  apps               the running platform's apps, engine processes and states (npm run apps)
  app stop <id>      stop one app; it stays stopped until started            (npm run app -- stop spark)
  app start <id>     start a stopped or failed app; waits for its /api/health
  app restart <id>   stop, then start

apps and app talk to the platform started from the same LUMENFORGE_HOME (its platform.sock).`;

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

function formatExit(app: TAppStatus): string {
  if (!app.lastExit) return '';
  const { code, signal, at } = app.lastExit;
  return `${signal ? `signal ${signal}` : `code ${code}`}, ${formatDuration(Date.now() - Date.parse(at))} ago`;
}

function printApps(apps: readonly TAppStatus[]): void {
  const rows = [
    ['PROCESS', 'STATE', 'PID', 'RESTARTS', 'FOR', 'URL', 'LAST EXIT'],
    ...apps.map((app) => [
      app.id,
      app.state,
      app.pid === null ? '-' : String(app.pid),
      String(app.restarts),
      formatDuration(Date.now() - Date.parse(app.since)),
      app.url ?? '-',
      formatExit(app),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

/** `apps` and `app <action> <id>`: requests to the running platform's control socket. */
async function runControlCommand(args: readonly string[]): Promise<number> {
  const env = readRunnerEnv();
  // A start waits for the app's health (the platform's LUMENFORGE_READY_TIMEOUT), a stop up to its grace.
  const options = { home: env.LUMENFORGE_HOME, timeoutMs: env.LUMENFORGE_READY_TIMEOUT * 1000 + 60_000 };
  try {
    if (args[0] === 'apps') {
      printApps(await listApps(options));
      return 0;
    }
    const [, action, id] = args;
    if (!APP_ACTIONS.includes(action as TAppAction) || !id) {
      console.error(USAGE);
      return 2;
    }
    const verb = { stop: 'Stopping', start: 'Starting', restart: 'Restarting' }[action as TAppAction];
    log.info(`${verb} ${id}…`);
    const app = await controlApp(action as TAppAction, id, options);
    log.info(
      `${app.id}: ${log.bold(app.state)}${app.pid === null ? '' : ` (pid ${app.pid}${app.url ? `, ${app.url}` : ''})`}` +
        (app.state === 'stopped' && app.lastExit ? ` (${formatExit(app)})` : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof PlatformNotRunningError) {
      log.error(error.message);
      return 1;
    }
    if (error instanceof ControlRequestError) {
      log.error(error.message);
      if (error.body.app) log.error(`${error.body.app.id} is now ${error.body.app.state}.`);
      return 1;
    }
    throw error;
  }
}

const command = process.argv[2];
try {
  switch (command) {
    case 'start':
      await runPlatform('production');
      break;
    case 'dev':
      await runPlatform('development');
      break;
    case 'test':
      process.exit(await runTests());
      break;
    case 'apps':
    case 'app':
      process.exit(await runControlCommand(process.argv.slice(2)));
      break;
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
} catch (error) {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
