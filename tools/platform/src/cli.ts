import { log } from './log';
import { runPlatform } from './platform';
import { runTests } from './test-command';

const USAGE = `Usage: lumenforge <command>

  start   build (cached) and run the six apps in production mode  (npm start)
  dev     run the six apps with next dev and hot reload            (npm run dev)
  test    lint, typecheck, build, unit, integration and e2e tests (npm test)`;

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
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
} catch (error) {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
