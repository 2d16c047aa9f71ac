import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSecretFile } from './secret-file';

describe('ensureSecretFile', () => {
  let home: string;
  beforeEach(async () => {
    home = join(await mkdtemp(join(tmpdir(), 'lf-secret-')), 'home');
  });
  afterEach(async () => {
    await rm(join(home, '..'), { recursive: true, force: true });
  });

  it('generates a secret once, keeps it in a 0600 file and returns the same one afterwards', async () => {
    const first = await ensureSecretFile(home, 'test-secret');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(join(home, 'test-secret'))).mode & 0o777).toBe(0o600);
    expect(await ensureSecretFile(home, 'test-secret')).toBe(first);
  });

  it('returns the configured secret and writes nothing', async () => {
    expect(await ensureSecretFile(home, 'test-secret', 'configured-secret')).toBe('configured-secret');
    await expect(stat(join(home, 'test-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('replaces a stored secret that is too short, with mode 0600', async () => {
    await ensureSecretFile(home, 'test-secret');
    await writeFile(join(home, 'test-secret'), 'short\n', { mode: 0o644 });
    const replaced = await ensureSecretFile(home, 'test-secret');
    expect(replaced).not.toBe('short');
    expect((await readFile(join(home, 'test-secret'), 'utf8')).trim()).toBe(replaced);
    expect((await stat(join(home, 'test-secret'))).mode & 0o777).toBe(0o600);
  });
});
