import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signGitHubAppJwt } from './github';

describe('signGitHubAppJwt', () => {
  it('signs an RS256 JWT from a PKCS#1 key, issued by the app id, backdated 60 s and valid under 10 minutes', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const now = Date.now();
    const jwt = await signGitHubAppJwt(123456, privateKey, now);
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
    const { payload } = await jwtVerify(jwt, await importSPKI(publicKey, 'RS256'), { issuer: '123456' });
    expect(payload.iat).toBe(Math.floor(now / 1000) - 60);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(600);
  });
});
