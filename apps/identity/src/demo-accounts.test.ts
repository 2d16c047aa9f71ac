import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '@lumenforge/db/seed';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNTS_FILE,
  AccountDirectory,
  DEMO_ACCOUNTS_FILE,
  ensureDemoAccounts,
  readDemoAccounts,
} from './demo-accounts';
import { verifyPassword } from './password-hash';

let root: string;
let home: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'identity-accounts-'));
  home = join(root, 'identity');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('demo accounts', () => {
  it('creates one account per demo user, in 0600 files inside a 0700 home', async () => {
    const accounts = await ensureDemoAccounts(home);
    expect(accounts.map((account) => [account.email, account.name, account.role])).toEqual(
      DEMO_USERS.map((user) => [user.email, user.name, user.role]),
    );
    expect(await mode(home)).toBe(0o700);
    expect(await mode(join(home, ACCOUNTS_FILE))).toBe(0o600);
    expect(await mode(join(home, DEMO_ACCOUNTS_FILE))).toBe(0o600);

    const demo = await readDemoAccounts(home);
    expect(demo).toHaveLength(DEMO_USERS.length);
    for (const [index, entry] of demo.entries()) {
      const account = accounts[index];
      expect(entry.sub).toBe(account?.sub);
      expect(entry.password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
      expect(entry.groups).toEqual([`lumenforge-${entry.role}`]);
      expect(entry.otpauthUri).toContain(`secret=${entry.totpSecret}`);
      expect(account?.passwordHash).not.toContain(entry.password);
      expect(await verifyPassword(entry.password, account?.passwordHash ?? '')).toBe(true);
    }
    expect(new Set(demo.map((entry) => entry.sub)).size).toBe(DEMO_USERS.length);
  });

  it('keeps subs, passwords and TOTP secrets across restarts', async () => {
    const first = await ensureDemoAccounts(home);
    const firstDemo = await readDemoAccounts(home);
    const second = await ensureDemoAccounts(home);
    expect(second).toEqual(first);
    expect(await readDemoAccounts(home)).toEqual(firstDemo);
  });

  it('gives new passwords, but keeps sub and TOTP secret, when the demo file is lost', async () => {
    const first = await ensureDemoAccounts(home);
    await unlink(join(home, DEMO_ACCOUNTS_FILE));
    const second = await ensureDemoAccounts(home);
    expect(second.map((account) => [account.sub, account.totpSecret])).toEqual(
      first.map((account) => [account.sub, account.totpSecret]),
    );
    const demo = await readDemoAccounts(home);
    expect(await verifyPassword(demo[0]?.password ?? '', second[0]?.passwordHash ?? '')).toBe(true);
    expect(second[0]?.passwordHash).not.toBe(first[0]?.passwordHash);
  });

  it('finds accounts by email (any case) and by sub', async () => {
    const accounts = await ensureDemoAccounts(home);
    const directory = new AccountDirectory(accounts);
    const admin = accounts.find((account) => account.role === 'admin');
    expect(directory.findByEmail(' ADMIN@lumenforge.local ')?.sub).toBe(admin?.sub);
    expect(directory.findBySub(admin?.sub ?? '')?.email).toBe('admin@lumenforge.local');
    expect(directory.findByEmail('nobody@lumenforge.local')).toBeUndefined();
  });

  it('says how to create the demo file when it is missing', async () => {
    await expect(readDemoAccounts(home)).rejects.toThrow(/start the identity provider once/);
  });
});
