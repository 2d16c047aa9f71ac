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

/** `git status` of tracked files, or null outside a git work tree (e.g. an unpacked tarball). */
function trackedChanges() {
  const result = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout : null;
}

if (isInstallStale()) {
  // `npm ci` installs exactly what package-lock.json says and never rewrites it: start-up must not
  // modify tracked files. The lockfile lists every platform's optional binaries, so it is in sync
  // on any machine (tools/platform/src/lockfile.test.ts keeps it so).
  console.log('Installing dependencies (npm ci)…');
  const before = trackedChanges();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(
      'npm ci failed (see above); if you changed a package.json, run `npm install` to update package-lock.json and commit it.',
    );
    process.exit(result.status ?? 1);
  }
  const after = trackedChanges();
  if (before !== null && after !== before) {
    console.error(`Installing dependencies changed tracked files, which it must never do:\n${after}`);
    process.exit(1);
  }
  const now = new Date();
  utimesSync(installedMarker, now, now);
}
// `bootstrap.mjs install`: only the step above (a fresh clone's install, checked on its own).
if (process.argv[2] === 'install') process.exit(0);

const cli = join(root, 'tools', 'platform', 'src', 'cli.ts');
const child = spawn(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_NO_CLOUD: 'true', NEXT_TELEMETRY_DISABLED: '1' },
});
// Ctrl-C reaches the CLI through the process group; this wrapper only waits for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
