#!/usr/bin/env node
// Entry of `npm start`, `npm run dev` and `npm test`. Plain JavaScript on purpose: on a fresh clone
// nothing is installed yet, so this installs dependencies first, then runs the TypeScript CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  console.error(`LumenForge needs Node.js 20.11 or newer; this is ${process.version}.`);
  process.exit(1);
}

const root = resolve(import.meta.dirname, '../..');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockfile = join(root, 'package-lock.json');

function isInstallStale() {
  if (!existsSync(installedMarker)) return true;
  return existsSync(lockfile) && statSync(installedMarker).mtimeMs < statSync(lockfile).mtimeMs;
}

if (isInstallStale()) {
  console.log('Installing dependencies (npm install)…');
  // `npm install`, not `npm ci`: see README troubleshooting (platform-specific optional binaries).
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed; see the output above.');
    process.exit(result.status ?? 1);
  }
  const now = new Date();
  utimesSync(installedMarker, now, now);
}

const cli = join(root, 'tools', 'platform', 'src', 'cli.ts');
const child = spawn(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_NO_CLOUD: 'true', NEXT_TELEMETRY_DISABLED: '1' },
});
// Ctrl-C reaches the CLI through the process group; this wrapper only waits for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
