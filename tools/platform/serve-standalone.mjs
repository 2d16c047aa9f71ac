// `nx start <app>`: serve an app's standalone build on its port (node server.js, production mode).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const [app, port] = process.argv.slice(2);
const server = resolve(process.cwd(), '.next/standalone/apps', app, 'server.js');
if (!existsSync(server)) {
  console.error(`${app}: no production build at ${server}. Run \`npx nx build ${app}\` first.`);
  process.exit(1);
}
const child = spawn(process.execPath, [server], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: process.env.PORT ?? port,
    HOSTNAME: process.env.LUMENFORGE_BIND_HOST ?? '127.0.0.1',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
