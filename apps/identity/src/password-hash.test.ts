import { describe, expect, it } from 'vitest';
import { generateDemoPassword, hashPassword, verifyPassword } from './password-hash';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$1$2$3$salt$hash',
      'scrypt$x$8$1$c2FsdA$aGFzaA',
      'scrypt$16384$8$1$c2FsdA$',
    ]) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('generates readable demo passwords: four groups of four, no look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generateDemoPassword()));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/);
  });
});
