import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIdentityEnv, WORKSPACE_ROOT } from './env';

describe('identity env', () => {
  it('has local defaults', () => {
    expect(readIdentityEnv({})).toEqual({
      nodeEnv: 'development',
      port: 3100,
      bindHost: '127.0.0.1',
      issuer: 'http://localhost:3100',
      home: join(WORKSPACE_ROOT, '.lumenforge', 'identity'),
      trustProxy: false,
      landingUrl: 'http://localhost:3000',
      landingClientId: 'lumenforge-landing',
      landingClientSecret: undefined,
      agentClientId: 'lumenforge-agent',
      agentClientSecret: undefined,
      apiAudience: 'urn:lumenforge:api',
    });
  });

  it('derives IDENTITY_HOME from LUMENFORGE_HOME and the issuer from the port', () => {
    const env = readIdentityEnv({
      LUMENFORGE_HOME: '/tmp/lf',
      IDENTITY_PORT: '3999',
      IDENTITY_TRUST_PROXY: 'true',
    });
    expect(env.home).toBe('/tmp/lf/identity');
    expect(env.issuer).toBe('http://localhost:3999');
    expect(env.trustProxy).toBe(true);
  });

  it('requires both client secrets in production', () => {
    expect(() => readIdentityEnv({ NODE_ENV: 'production' })).toThrow(
      /OIDC_CLIENT_SECRET: is required \(must be set in production\)[\s\S]*IDENTITY_AGENT_CLIENT_SECRET: is required/,
    );
    const secret = 's'.repeat(32);
    expect(
      readIdentityEnv({
        NODE_ENV: 'production',
        OIDC_CLIENT_SECRET: secret,
        IDENTITY_AGENT_CLIENT_SECRET: secret,
      }).landingClientSecret,
    ).toBe(secret);
  });

  it('names bad variables', () => {
    expect(() => readIdentityEnv({ IDENTITY_ISSUER: 'ftp://x', OIDC_CLIENT_SECRET: 'short' })).toThrow(
      /IDENTITY_ISSUER[\s\S]*OIDC_CLIENT_SECRET: must be at least 32 characters/,
    );
    expect(() => readIdentityEnv({ IDENTITY_ISSUER: 'https://id.example.com/oidc' })).toThrow(
      /must not have a path/,
    );
  });
});
