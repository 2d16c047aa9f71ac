import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags the end-to-end suite launches Chromium with (sandbox-less root containers, closed network). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function findChromium(preferred?: string): string | undefined {
  return [preferred, ...CANDIDATES].find((path): path is string => Boolean(path && existsSync(path)));
}

/**
 * A Chromium for the end-to-end suite: CHROMIUM_PATH, a system install, or (Debian, as root)
 * `apt-get install chromium`. Playwright's own browser download cannot be used offline.
 */
export function ensureChromium(preferred?: string): string {
  const found = findChromium(preferred);
  if (found) return found;
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = process.getuid?.() === 0;
  if (isDebian && isRoot) {
    console.log('Installing Chromium for the end-to-end tests (apt-get install -y chromium)…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium(preferred);
    if (install.status === 0 && installed) return installed;
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
      'macOS: install Google Chrome) or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}
