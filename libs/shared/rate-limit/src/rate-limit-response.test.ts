import { describe, expect, it } from 'vitest';
import { applyRateLimitHeaders, rateLimitResponse } from './rate-limit-response';
import { resolvePolicy, rateLimitKey } from './rate-limit.types';

describe('rateLimitResponse', () => {
  it('answers 429 with the JSON error, Retry-After and RateLimit-* headers', async () => {
    const response = rateLimitResponse({
      isAllowed: false,
      remaining: 0,
      retryAfterSeconds: 17,
      limit: 10,
      resetAfterSeconds: 17,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('Retry-After')).toBe('17');
    expect(response.headers.get('RateLimit-Limit')).toBe('10');
    expect(response.headers.get('RateLimit-Remaining')).toBe('0');
    expect(response.headers.get('RateLimit-Reset')).toBe('17');
    expect(await response.json()).toEqual({
      error: 'rate_limited',
      message: 'Too many requests: try again in 17 s',
    });
  });

  it('never tells a client to retry in 0 s', async () => {
    const response = rateLimitResponse({
      isAllowed: false,
      remaining: 0,
      retryAfterSeconds: 0,
      limit: 1,
      resetAfterSeconds: 0,
    });
    expect(response.headers.get('Retry-After')).toBe('1');
    expect(((await response.json()) as { message: string }).message).toBe(
      'Too many requests: try again in 1 s',
    );
  });
});

describe('applyRateLimitHeaders', () => {
  it('sets the RateLimit-* headers of an allowed response', () => {
    const headers = applyRateLimitHeaders(new Headers(), {
      isAllowed: true,
      remaining: 7,
      retryAfterSeconds: 0,
      limit: 10,
      resetAfterSeconds: 42,
    });
    expect(Object.fromEntries(headers)).toEqual({
      'ratelimit-limit': '10',
      'ratelimit-remaining': '7',
      'ratelimit-reset': '42',
    });
  });
});

describe('policies and keys', () => {
  const options = {
    defaultPolicy: { points: 100, durationSeconds: 60 },
    endpoints: { 'auth.login': { points: 5, durationSeconds: 300 } },
  };

  it('picks the endpoint policy, else the default (not inherited object properties)', () => {
    expect(resolvePolicy(options, 'auth.login')).toEqual({ points: 5, durationSeconds: 300 });
    expect(resolvePolicy(options, 'tokens.read')).toEqual({ points: 100, durationSeconds: 60 });
    expect(resolvePolicy(options, 'constructor')).toEqual({ points: 100, durationSeconds: 60 });
  });

  it('builds {ip}:{endpoint}', () => {
    expect(rateLimitKey({ ip: '203.0.113.7', endpoint: 'auth.login' })).toBe('203.0.113.7:auth.login');
  });
});
