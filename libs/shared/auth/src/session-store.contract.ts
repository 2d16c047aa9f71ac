import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { TCreateSessionInput, TSessionStore, TSessionTimeouts } from './session-store.types';

export type TSessionStoreContractFactory = {
  /**
   * A store with these timeouts. Stores made by one factory must share their data, as two app
   * instances do (same database; same Redis and key prefix).
   */
  create: (timeouts: TSessionTimeouts) => Promise<TSessionStore>;
  /**
   * A user id sessions may be created for (default: a random uuid). Stores with a foreign key to
   * `users` insert a user here.
   */
  createUserId?: () => Promise<string>;
  /** A workspace id, as `createUserId` (default: a random uuid). */
  createWorkspaceId?: () => Promise<string>;
  /** Runs after the suite, e.g. to delete the run's keys. */
  cleanup?: () => Promise<void>;
};

const SECOND = 1_000;
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * SECOND);

/** Long enough that nothing ends during a test unless it moves `now` on. */
const LONG: TSessionTimeouts = {
  idleTimeoutSeconds: 600,
  absoluteTimeoutSeconds: 3_600,
  touchIntervalSeconds: 60,
};

/**
 * The behaviour every `TSessionStore` implementation must show: a new random token per sign-in (no
 * fixation), lookups that never match unknown tokens, revocation (one, by id for the owner only, all
 * but one) that takes effect at once for every instance, idle and absolute timeouts (checked against
 * `now` and, twice, against the real clock: Redis expires keys in real time), throttled activity
 * writes, listing order, and the round trip of every field.
 */
export function describeSessionStoreContract(name: string, factory: TSessionStoreContractFactory): void {
  const userId = () => factory.createUserId?.() ?? Promise.resolve(randomUUID());
  const workspaceId = () => factory.createWorkspaceId?.() ?? Promise.resolve(randomUUID());
  const input = (forUser: string, overrides: Partial<TCreateSessionInput> = {}): TCreateSessionInput => ({
    userId: forUser,
    workspaceId: null,
    authTime: new Date(),
    mfa: false,
    ip: null,
    userAgent: null,
    ...overrides,
  });

  describe(`TSessionStore contract: ${name}`, () => {
    afterAll(async () => {
      await factory.cleanup?.();
    });

    it('exposes its kind and timeouts', async () => {
      const store = await factory.create(LONG);
      expect(['postgres', 'postgres+redis']).toContain(store.kind);
      expect(store.timeouts).toEqual(LONG);
    });

    it('refuses timeouts it cannot honour', async () => {
      await expect(async () => factory.create({ ...LONG, idleTimeoutSeconds: 0 })).rejects.toThrow(
        RangeError,
      );
      await expect(async () => factory.create({ ...LONG, absoluteTimeoutSeconds: -1 })).rejects.toThrow(
        RangeError,
      );
      // Touching less often than the idle timeout would end sessions in use.
      await expect(async () =>
        factory.create({ ...LONG, touchIntervalSeconds: LONG.idleTimeoutSeconds }),
      ).rejects.toThrow(/touchIntervalSeconds/);
    });

    it('creates a new session with a new random token on every sign-in (no fixation)', async () => {
      const store = await factory.create(LONG);
      const user = await userId();
      const first = await store.create(input(user));
      const second = await store.create(input(user));
      expect(first.token).not.toBe(second.token);
      expect(first.session.id).not.toBe(second.session.id);
      for (const { token } of [first, second]) expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect((await store.findActive(first.token))?.id).toBe(first.session.id);
      expect((await store.findActive(second.token))?.id).toBe(second.session.id);

      const many = await Promise.all(Array.from({ length: 10 }, () => store.create(input(user))));
      expect(new Set(many.map(({ token }) => token)).size).toBe(10);
      expect(new Set(many.map(({ session }) => session.id)).size).toBe(10);
      expect(await store.listActiveForUser(user)).toHaveLength(12);
    });

    it('round-trips every field of the record', async () => {
      const store = await factory.create(LONG);
      const user = await userId();
      const workspace = await workspaceId();
      const authTime = new Date(Date.now() - 90 * SECOND);
      const before = Date.now();
      const { session, token } = await store.create(
        input(user, {
          workspaceId: workspace,
          authTime,
          mfa: true,
          ip: '203.0.113.7',
          userAgent: 'vitest/4 (contract)',
        }),
      );
      const after = Date.now();
      expect(session).toEqual({
        id: expect.any(String),
        userId: user,
        workspaceId: workspace,
        createdAt: expect.any(Date),
        lastSeenAt: session.createdAt,
        absoluteExpiresAt: at(session.createdAt, LONG.absoluteTimeoutSeconds),
        authTime,
        mfa: true,
        ip: '203.0.113.7',
        userAgent: 'vitest/4 (contract)',
      });
      expect(session.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(session.createdAt.getTime()).toBeLessThanOrEqual(after);
      expect(await store.findActive(token)).toEqual(session);
      expect(await store.listActiveForUser(user)).toEqual([session]);

      const bare = await store.create(input(user));
      expect(bare.session).toMatchObject({ workspaceId: null, mfa: false, ip: null, userAgent: null });
      expect(await store.findActive(bare.token)).toEqual(bare.session);
    });

    it('rejects invalid input', async () => {
      const store = await factory.create(LONG);
      await expect(store.create(input('not-a-uuid'))).rejects.toThrow();
    });

    it('finds nothing for unknown or garbage tokens', async () => {
      const store = await factory.create(LONG);
      const { token } = await store.create(input(await userId()));
      for (const garbage of [
        '',
        'x',
        `${token}x`,
        token.slice(1),
        token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
        ' '.repeat(43),
        '💥'.repeat(30),
        'a'.repeat(100_000),
        "' OR 1=1 --",
      ]) {
        expect(await store.findActive(garbage), garbage.slice(0, 20)).toBeNull();
        expect(await store.revoke(garbage), garbage.slice(0, 20)).toBeNull();
      }
      expect(await store.findActive(token)).not.toBeNull();
    });

    it('revokes by token at once, returning the session; a second revoke finds nothing', async () => {
      const store = await factory.create(LONG);
      const user = await userId();
      const { session, token } = await store.create(input(user, { mfa: true }));
      const other = await store.create(input(user));
      const revoked = await store.revoke(token);
      expect(revoked).toMatchObject({ id: session.id, userId: user, mfa: true });
      expect(await store.findActive(token)).toBeNull();
      expect(await store.revoke(token)).toBeNull();
      expect((await store.findActive(other.token))?.id).toBe(other.session.id);
      expect((await store.listActiveForUser(user)).map((s) => s.id)).toEqual([other.session.id]);
    });

    it('makes a revocation visible to every instance, and no concurrent activity revives it', async () => {
      const appA = await factory.create({ ...LONG, touchIntervalSeconds: 0 });
      const appB = await factory.create({ ...LONG, touchIntervalSeconds: 0 });
      const { session, token } = await appA.create(input(await userId()));
      expect((await appB.findActive(token))?.id).toBe(session.id);
      // Requests that touch the session race the sign-out.
      const base = session.createdAt;
      await Promise.all([
        ...Array.from({ length: 5 }, (_, index) => appB.findActive(token, at(base, 1 + index))),
        appA.revoke(token),
        ...Array.from({ length: 5 }, (_, index) => appA.findActive(token, at(base, 10 + index))),
      ]);
      expect(await appB.findActive(token)).toBeNull();
      expect(await appA.findActive(token, at(base, 30))).toBeNull();
      expect(await appB.listActiveForUser(session.userId)).toEqual([]);
    });

    it('revokes all of a user’s sessions, or all but the current one', async () => {
      const store = await factory.create(LONG);
      const user = await userId();
      const otherUser = await userId();
      const a = await store.create(input(user));
      const b = await store.create(input(user));
      const c = await store.create(input(user));
      const someoneElse = await store.create(input(otherUser));

      expect(await store.revokeAllForUser(user, { exceptSessionId: c.session.id })).toBe(2);
      expect(await store.findActive(a.token)).toBeNull();
      expect(await store.findActive(b.token)).toBeNull();
      expect((await store.findActive(c.token))?.id).toBe(c.session.id);
      expect((await store.listActiveForUser(user)).map((s) => s.id)).toEqual([c.session.id]);

      expect(await store.revokeAllForUser(user)).toBe(1);
      expect(await store.findActive(c.token)).toBeNull();
      expect(await store.revokeAllForUser(user)).toBe(0);
      expect(await store.listActiveForUser(user)).toEqual([]);
      expect((await store.findActive(someoneElse.token))?.id).toBe(someoneElse.session.id);

      expect(await store.revokeAllForUser(await userId())).toBe(0);
      expect(await store.revokeAllForUser('not-a-uuid')).toBe(0);
    });

    it('revokes by id only for the user who owns the session', async () => {
      const store = await factory.create(LONG);
      const owner = await userId();
      const intruder = await userId();
      const { session, token } = await store.create(input(owner));
      await store.create(input(intruder));

      expect(await store.revokeById(intruder, session.id)).toBe(false);
      expect((await store.findActive(token))?.id).toBe(session.id);
      expect(await store.revokeById(owner, session.id)).toBe(true);
      expect(await store.findActive(token)).toBeNull();
      expect(await store.revokeById(owner, session.id)).toBe(false);
      expect(await store.revokeById(owner, randomUUID())).toBe(false);
      expect(await store.revokeById(owner, 'garbage')).toBe(false);
    });

    it('slides the idle timeout with activity and ends an idle session (checked at `now`)', async () => {
      const timeouts = { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 3_600, touchIntervalSeconds: 10 };
      const store = await factory.create(timeouts);
      const { session, token } = await store.create(input(await userId()));
      const t0 = session.createdAt;
      expect((await store.findActive(token, at(t0, 59)))?.lastSeenAt).toEqual(at(t0, 59));
      expect((await store.findActive(token, at(t0, 118)))?.lastSeenAt).toEqual(at(t0, 118));
      expect(await store.listActiveForUser(session.userId, at(t0, 177))).toHaveLength(1);
      expect(await store.listActiveForUser(session.userId, at(t0, 178))).toEqual([]);
      expect(await store.findActive(token, at(t0, 178))).toBeNull();
    });

    it('ends a session at the absolute timeout however active it is (checked at `now`)', async () => {
      const timeouts = { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 120, touchIntervalSeconds: 10 };
      const store = await factory.create(timeouts);
      const { session, token } = await store.create(input(await userId()));
      const t0 = session.createdAt;
      for (const second of [40, 80, 100, 119]) {
        const found = await store.findActive(token, at(t0, second));
        expect(found?.lastSeenAt, `at +${second} s`).toEqual(at(t0, second));
        expect(found?.absoluteExpiresAt).toEqual(at(t0, 120));
      }
      expect(await store.findActive(token, at(t0, 120))).toBeNull();
      expect(await store.listActiveForUser(session.userId, at(t0, 120))).toEqual([]);
    });

    it('ends idle and expired sessions in real time too, everywhere (one 1.25 s wait)', async () => {
      // Redis expires keys on its own clock: this is the test that sees a TTL do the work.
      const idle = await factory.create({
        idleTimeoutSeconds: 1,
        absoluteTimeoutSeconds: 60,
        touchIntervalSeconds: 0,
      });
      const absolute = await factory.create({
        idleTimeoutSeconds: 60,
        absoluteTimeoutSeconds: 1,
        touchIntervalSeconds: 0,
      });
      const user = await userId();
      const kept = await idle.create(input(user));
      const dropped = await idle.create(input(user));
      const expiring = await absolute.create(input(user));
      await delay(600);
      expect(await idle.findActive(kept.token)).not.toBeNull(); // activity at 0.6 s: idle until 1.6 s
      expect(await absolute.findActive(expiring.token)).not.toBeNull(); // activity cannot pass 1 s
      await delay(650);

      expect((await idle.findActive(kept.token))?.id).toBe(kept.session.id);
      expect(await idle.findActive(dropped.token)).toBeNull();
      expect(await absolute.findActive(expiring.token)).toBeNull();
      expect((await idle.listActiveForUser(user)).map((s) => s.id)).toEqual([kept.session.id]);
      expect(await idle.revokeById(user, dropped.session.id)).toBe(false);
      expect(await idle.revoke(dropped.token)).toBeNull();
      expect(await absolute.revoke(expiring.token)).toBeNull();
      expect(await idle.revokeAllForUser(user)).toBe(1); // only the live one counts
    });

    it('lists live sessions, most recently used first, without revoked or ended ones', async () => {
      const store = await factory.create(LONG);
      const user = await userId();
      const a = await store.create(input(user));
      const b = await store.create(input(user));
      const c = await store.create(input(user));
      await store.create(input(await userId()));
      const t0 = new Date(Math.max(a.session.createdAt.getTime(), c.session.createdAt.getTime()));
      await store.findActive(a.token, at(t0, 100));
      await store.findActive(c.token, at(t0, 80));
      await store.revoke(b.token);

      const listed = await store.listActiveForUser(user, at(t0, 120));
      expect(listed.map((s) => s.id)).toEqual([a.session.id, c.session.id]);
      expect(listed.map((s) => s.lastSeenAt)).toEqual([at(t0, 100), at(t0, 80)]);
      // c idles out at +680 s, a at +700 s.
      expect((await store.listActiveForUser(user, at(t0, 690))).map((s) => s.id)).toEqual([a.session.id]);
      expect(await store.listActiveForUser(await userId())).toEqual([]);
      expect(await store.listActiveForUser('not-a-uuid')).toEqual([]);
    });

    it('writes lastSeenAt at most every touchIntervalSeconds, and never backwards', async () => {
      const store = await factory.create(LONG); // touch every 60 s
      const { session, token } = await store.create(input(await userId()));
      const t0 = session.createdAt;
      expect((await store.findActive(token, at(t0, 30)))?.lastSeenAt).toEqual(t0);
      expect((await store.findActive(token, at(t0, 60)))?.lastSeenAt).toEqual(t0);
      expect((await store.findActive(token, at(t0, 61)))?.lastSeenAt).toEqual(at(t0, 61));
      expect((await store.findActive(token, at(t0, 100)))?.lastSeenAt).toEqual(at(t0, 61));
      expect((await store.listActiveForUser(session.userId, at(t0, 100)))[0]?.lastSeenAt).toEqual(at(t0, 61));
      expect((await store.findActive(token, at(t0, 122)))?.lastSeenAt).toEqual(at(t0, 122));
      // A request stamped earlier (another instance's clock) does not move it back.
      expect((await store.findActive(token, at(t0, 10)))?.lastSeenAt).toEqual(at(t0, 122));
      expect((await store.findActive(token, at(t0, 123)))?.createdAt).toEqual(t0);
    });
  });
}
