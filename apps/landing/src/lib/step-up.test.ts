import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_EXPIRY_DAYS, MAX_TOKEN_EXPIRY_DAYS, TOKEN_EXPIRY_DAYS } from './api-token-options';
import { stepUpSignInUrl } from './step-up';

describe('stepUpSignInUrl', () => {
  it('asks LANDING for a step-up sign-in that comes back to the page, encoded', () => {
    const url = new URL(stepUpSignInUrl('/admin/users?role=admin&search=a b'), 'http://localhost:3000');
    expect(url.pathname).toBe('/api/auth/login');
    expect(url.searchParams.get('stepUp')).toBe('1');
    expect(url.searchParams.get('returnTo')).toBe('/admin/users?role=admin&search=a b');
    // The return URL cannot smuggle parameters of its own into the login URL.
    expect([...url.searchParams.keys()]).toEqual(['stepUp', 'returnTo']);
  });
});

describe('API token expiry options', () => {
  it('offers only choices the API accepts, the default among them', () => {
    expect(TOKEN_EXPIRY_DAYS).toContain(DEFAULT_TOKEN_EXPIRY_DAYS);
    for (const days of TOKEN_EXPIRY_DAYS) {
      expect(Number.isInteger(days)).toBe(true);
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(MAX_TOKEN_EXPIRY_DAYS);
    }
  });
});
