import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-output', 'e2e', 'screenshots');

/** Where a spec saves a screenshot (test-output/e2e/screenshots/<name>.png); creates the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
