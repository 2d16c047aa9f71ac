/* eslint-disable no-restricted-properties -- a test helper that sets and restores the db variables themselves */
import { afterEach } from 'vitest';
import { disconnectDb } from './client';

/**
 * For tests that set db variables on `process.env`: after each test, closes the process's
 * clients (they were built from those variables) and puts `names` back as they were.
 */
export function restoreDbEnvAfterEach(names: readonly string[]): void {
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  afterEach(async () => {
    await disconnectDb();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
