// Account lockout: after MAX_FAILURES failed attempts (wrong password or wrong code) an account is
// locked for LOCK_MS. Counted per normalised email, existing or not, so a lock says nothing about
// whether an account exists. In memory: one provider process.

export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;
/** Failures older than this are forgotten (a typo a day does not add up to a lock). */
export const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED_KEYS = 10_000;

type TEntry = { failures: number; firstFailureAt: number; lockedUntil: number };

export type TLockState = { isLocked: true; retryAfterSeconds: number } | { isLocked: false };

export class LoginThrottle {
  private readonly entries = new Map<string, TEntry>();

  constructor(private readonly options: { maxFailures?: number; lockMs?: number; now?: () => number } = {}) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private current(key: string): TEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    const isLockOver = entry.lockedUntil !== 0 && entry.lockedUntil <= now;
    const isWindowOver = entry.lockedUntil === 0 && now - entry.firstFailureAt > FAILURE_WINDOW_MS;
    if (isLockOver || isWindowOver) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Whether `key` is locked now, and for how long. */
  check(key: string): TLockState {
    const entry = this.current(key);
    if (!entry || entry.lockedUntil === 0) return { isLocked: false };
    return {
      isLocked: true,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.lockedUntil - this.now()) / 1000)),
    };
  }

  /** Counts a failed attempt; the one that reaches the limit locks the key. */
  recordFailure(key: string): TLockState {
    const now = this.now();
    const entry = this.current(key) ?? { failures: 0, firstFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    if (entry.failures >= (this.options.maxFailures ?? MAX_FAILURES)) {
      entry.lockedUntil = now + (this.options.lockMs ?? LOCK_MS);
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.prune();
    return this.check(key);
  }

  /** Forgets the failures of `key` (after a complete sign-in). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Keeps memory bounded under a flood of random emails: drops unlocked entries first (oldest
   * first), so flooding cannot lift a lock, then the oldest locks if it must.
   */
  private prune(): void {
    if (this.entries.size <= MAX_TRACKED_KEYS) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_TRACKED_KEYS) return;
      if (entry.lockedUntil === 0) this.entries.delete(key);
    }
    while (this.entries.size > MAX_TRACKED_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
