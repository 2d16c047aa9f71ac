import { describe, expect, it } from 'vitest';
import { cacheKeys } from './cache-keys';

describe('cacheKeys', () => {
  it('follows the spec key layout', () => {
    expect(cacheKeys.build('p_123')).toBe('cache:build:p_123');
    expect(cacheKeys.component('c_9')).toBe('components:c_9');
    expect(cacheKeys.realtime('w_1')).toBe('realtime:w_1');
    expect(cacheKeys.tokens('w_1')).toBe('cache:tokens:w_1:');
    expect(cacheKeys.templates('w_1')).toBe('cache:templates:w_1:');
  });

  it('builds the prefix of a whole family with an empty id', () => {
    expect(cacheKeys.build('')).toBe('cache:build:');
    expect(cacheKeys.build('p1').startsWith(cacheKeys.build(''))).toBe(true);
  });
});
