import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, LOCK_MS, LoginThrottle, MAX_FAILURES } from './login-throttle';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LoginThrottle', () => {
  it('locks a key for five minutes on the fifth failure', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) {
      expect(throttle.recordFailure('a@x').isLocked).toBe(false);
    }
    expect(throttle.recordFailure('a@x')).toEqual({ isLocked: true, retryAfterSeconds: LOCK_MS / 1000 });
    expect(throttle.check('a@x').isLocked).toBe(true);
    expect(throttle.check('b@x').isLocked).toBe(false);
    time.advance(LOCK_MS - 1000);
    expect(throttle.check('a@x')).toEqual({ isLocked: true, retryAfterSeconds: 1 });
    time.advance(1000);
    expect(throttle.check('a@x').isLocked).toBe(false);
    // The count starts over after a lock.
    expect(throttle.recordFailure('a@x').isLocked).toBe(false);
  });

  it('forgets failures after a complete sign-in and after the window', () => {
    const time = clock();
    const throttle = new LoginThrottle({ now: time.now });
    for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) throttle.recordFailure('a@x');
    throttle.reset('a@x');
    expect(throttle.recordFailure('a@x').isLocked).toBe(false);
    for (let attempt = 2; attempt < MAX_FAILURES; attempt += 1) throttle.recordFailure('a@x');
    time.advance(FAILURE_WINDOW_MS + 1);
    expect(throttle.recordFailure('a@x').isLocked).toBe(false);
  });
});
