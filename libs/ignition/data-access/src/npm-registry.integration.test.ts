import { createMemoryCache } from '@lumenforge/cache/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeNpmRegistry, type TFakeNpmRegistry } from './ignition-test-kit';
import {
  isLicenseAllowed,
  NPM_REGISTRY_URL,
  NpmRegistryClient,
  NpmRegistryUnavailableError,
} from './npm-registry';

describe('NpmRegistryClient', () => {
  let registry: TFakeNpmRegistry;
  let baseUrl: string;
  const requests = () => registry.requests;

  beforeAll(async () => {
    registry = await startFakeNpmRegistry();
    baseUrl = registry.baseUrl;
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('resolves ranges and tags to the newest matching version with its licence', async () => {
    const client = new NpmRegistryClient({ baseUrl });
    expect(await client.check('left-pad', '^1.1.0')).toEqual({
      name: 'left-pad',
      exists: true,
      version: '1.3.0',
      license: 'MIT',
      licenseAllowed: true,
    });
    expect(await client.check('left-pad', '~1.1.0')).toMatchObject({
      version: '1.1.0',
      license: 'WTFPL',
      licenseAllowed: false,
      message: expect.stringMatching(/licensed WTFPL, which is not on the allowed list/),
    });
    expect(await client.check('left-pad', 'latest')).toMatchObject({ version: '1.3.0' });
    expect(await client.check('left-pad', '^2.0.0')).toMatchObject({
      exists: true,
      version: null,
      message: 'No published version of left-pad matches ^2.0.0',
    });
    expect(await client.check('old-style', '*')).toMatchObject({
      license: 'BSD-3-Clause',
      licenseAllowed: true,
    });
    expect(await client.check('@acme/gpl-thing', '^2')).toMatchObject({
      version: '2.0.0',
      license: 'GPL-3.0-only',
      licenseAllowed: false,
    });
    expect(await client.check('no-such-package-here', '^1.0.0')).toEqual({
      name: 'no-such-package-here',
      exists: false,
      version: null,
      license: null,
      licenseAllowed: false,
      message: 'no-such-package-here is not on the npm registry',
    });
  });

  it('caches answers: the same check twice asks the registry once', async () => {
    const client = new NpmRegistryClient({ baseUrl, cache: createMemoryCache({ max: 100 }) });
    const before = requests().length;
    await client.check('left-pad', '^1.2.0');
    await client.check('left-pad', '^1.2.0');
    expect(requests().length - before).toBe(2); // the packument and the version manifest, once each
  });

  it('a registry that fails or does not answer in time is NpmRegistryUnavailableError', async () => {
    registry.setDown(true);
    try {
      await expect(new NpmRegistryClient({ baseUrl }).check('left-pad', '^1.0.0')).rejects.toThrow(
        /npm registry is unavailable \(it answered 503\)/,
      );
    } finally {
      registry.setDown(false);
    }
    const slow = new NpmRegistryClient({ baseUrl: `${baseUrl}/slow`, timeoutMs: 300 });
    await expect(slow.check('left-pad')).rejects.toBeInstanceOf(NpmRegistryUnavailableError);
    await expect(slow.check('left-pad')).rejects.toThrow(/no answer within 0.3 s/);
    const closed = new NpmRegistryClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(closed.check('left-pad')).rejects.toThrow(/cannot be reached/);
  });

  it('reads SPDX expressions: one allowed side of an OR is enough, every part of an AND must be allowed', () => {
    expect(isLicenseAllowed('(MIT OR GPL-3.0-only)')).toBe(true);
    expect(isLicenseAllowed('MIT AND GPL-3.0-only')).toBe(false);
    expect(isLicenseAllowed('Apache-2.0')).toBe(true);
    expect(isLicenseAllowed('UNLICENSED')).toBe(false);
    expect(isLicenseAllowed(null)).toBe(false);
  });

  it('answers for a real package on registry.npmjs.org (skipped when the registry is unreachable)', async (context) => {
    const reachable = await fetch(`${NPM_REGISTRY_URL}/-/ping`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (!reachable) return context.skip();
    const result = await new NpmRegistryClient({ timeoutMs: 15_000 }).check('zod', '^3.22.0');
    expect(result).toMatchObject({ name: 'zod', exists: true, license: 'MIT', licenseAllowed: true });
    expect(result.version).toMatch(/^3\.\d+\.\d+$/);
  });
});
