import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureClientSecrets, readClientSecrets } from './client-secrets';
import {
  COOKIE_KEYS_FILE,
  ensureCookieKeys,
  ensureSigningKeys,
  rotateKeys,
  SIGNING_KEYS_FILE,
} from './signing-keys';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'identity-keys-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('signing keys', () => {
  it('generates one ES256 key on first start and keeps it', async () => {
    const [key] = await ensureSigningKeys(home);
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key?.d).toBeTruthy();
    expect((await stat(join(home, SIGNING_KEYS_FILE))).mode & 0o777).toBe(0o600);
    expect(await ensureSigningKeys(home)).toEqual([key]);
  });

  it('rotation adds a new current key and keeps the previous one, dropping older ones', async () => {
    const [original] = await ensureSigningKeys(home);
    const first = await rotateKeys(home);
    expect(first.publishedKids).toEqual([first.currentKid, original?.kid]);
    const second = await rotateKeys(home);
    expect(second.publishedKids).toEqual([second.currentKid, first.currentKid]);
    expect((await ensureSigningKeys(home)).map((key) => key.kid)).toEqual(second.publishedKids);
  });
});

describe('cookie keys and client secrets', () => {
  it('generates cookie keys once', async () => {
    const keys = await ensureCookieKeys(home);
    expect(keys[0]?.length).toBeGreaterThanOrEqual(32);
    expect(await ensureCookieKeys(home)).toEqual(keys);
    expect((await stat(join(home, COOKIE_KEYS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('generates and keeps secrets for unconfigured clients only; configured secrets never reach the disk', async () => {
    const configured = 'c'.repeat(40);
    const secrets = await ensureClientSecrets(home, [
      { clientId: 'landing', configuredSecret: undefined },
      { clientId: 'agent', configuredSecret: configured },
    ]);
    expect(secrets.get('agent')).toBe(configured);
    expect(secrets.get('landing')).toMatch(/^[\w-]{43}$/);
    expect(await readClientSecrets(home)).toEqual({ landing: secrets.get('landing') });
    expect(await readFile(join(home, 'client-secrets.json'), 'utf8')).not.toContain(configured);
    const again = await ensureClientSecrets(home, [{ clientId: 'landing', configuredSecret: undefined }]);
    expect(again.get('landing')).toBe(secrets.get('landing'));
  });
});
