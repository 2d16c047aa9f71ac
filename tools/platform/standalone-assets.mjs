// After `next build` with output: 'standalone', copy what the standalone server does not include
// (static chunks and public/) next to its server.js. Run from the app's folder.
import { cpSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const appDir = process.cwd();
const app = basename(appDir);
const target = resolve(appDir, '.next/standalone/apps', app);
if (!existsSync(join(target, 'server.js'))) {
  console.error(`standalone-assets: ${target}/server.js is missing; is output: 'standalone' set?`);
  process.exit(1);
}
cpSync(join(appDir, '.next/static'), join(target, '.next/static'), { recursive: true });
if (existsSync(join(appDir, 'public')))
  cpSync(join(appDir, 'public'), join(target, 'public'), { recursive: true });
