import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAppEnv } from './app-env';
import { createEnv, InvalidEnvError } from './create-env';
import { ZPlatformEnv } from './env';
import { systemMetadata } from './system-metadata';
import { systemLinks, systemUrl, urlOptionsFromEnv } from './system-urls';

const ZSchema = ZPlatformEnv.extend({ DATABASE_URL: z.url() });

describe('createEnv', () => {
  it('applies defaults and keeps valid values', () => {
    const env = createEnv('slate', ZSchema, {
      DATABASE_URL: 'postgresql://db:5432/x',
      LUMENFORGE_DOMAIN: 'lumenforge.io',
    });
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      LUMENFORGE_LOCAL_HOST: 'localhost',
      LUMENFORGE_DOMAIN: 'lumenforge.io',
    });
  });

  it('names every missing or invalid variable in one error', () => {
    let error: unknown;
    try {
      createEnv('slate', ZSchema, { LUMENFORGE_DOMAIN: 'https://lumenforge.io/', NODE_ENV: 'staging' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvError);
    const message = (error as Error).message;
    expect(message).toContain('slate: invalid configuration');
    expect(message).toMatch(/DATABASE_URL: is required/);
    expect(message).toMatch(/LUMENFORGE_DOMAIN: must be a bare domain/);
    expect(message).toMatch(/NODE_ENV: /);
  });

  it('treats an empty string as unset', () => {
    const env = createEnv('x', ZSchema, { DATABASE_URL: 'postgresql://db/x', LUMENFORGE_LOCAL_HOST: '' });
    expect(env.LUMENFORGE_LOCAL_HOST).toBe('localhost');
  });

  it('memoizes per app and reads the source once', () => {
    let reads = 0;
    const getEnv = defineAppEnv('x', ZSchema, () => {
      reads += 1;
      return { DATABASE_URL: 'postgresql://db/x' };
    });
    expect(getEnv()).toBe(getEnv());
    expect(reads).toBe(1);
  });
});

describe('system URLs', () => {
  it('uses localhost ports locally', () => {
    expect(systemUrl('landing')).toBe('http://localhost:3000');
    expect(systemUrl('ignis', { localHost: '127.0.0.1' })).toBe('http://127.0.0.1:3004');
  });

  it('uses the apex for landing and subdomains for the others in production', () => {
    expect(systemUrl('landing', { domain: 'lumenforge.io' })).toBe('https://lumenforge.io');
    expect(systemUrl('waypoint', { domain: 'lumenforge.io' })).toBe('https://waypoint.lumenforge.io');
  });

  it('lists the six systems in order with distinct ports', () => {
    const links = systemLinks();
    expect(links.map((link) => link.id)).toEqual([
      'landing',
      'slate',
      'ignition',
      'spark',
      'ignis',
      'waypoint',
    ]);
    expect(new Set(links.map((link) => link.url)).size).toBe(6);
  });
});

describe('systemMetadata and urlOptionsFromEnv', () => {
  it('titles pages "Page · System · LumenForge"', () => {
    expect(systemMetadata('ignis').title).toEqual({
      default: 'Ignis · LumenForge',
      template: '%s · Ignis · LumenForge',
    });
  });

  it('turns the platform env into URL options', () => {
    const options = urlOptionsFromEnv({
      LUMENFORGE_DOMAIN: 'example.dev',
      LUMENFORGE_LOCAL_HOST: 'localhost',
    });
    expect(systemUrl('spark', options)).toBe('https://spark.example.dev');
  });
});
