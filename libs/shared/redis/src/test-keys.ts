import { randomBytes } from 'node:crypto';
import type { TRedisClient } from './client';

/** A key prefix no other test run uses: `lf_test:<label>:<random>:`. */
export function uniqueTestPrefix(label: string): string {
  return `lf_test:${label}:${Date.now().toString(36)}${randomBytes(4).toString('hex')}:`;
}

/** Escapes Redis glob characters so `prefix` matches literally in SCAN MATCH. */
export function escapeRedisGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** Removes every key starting with `prefix` (SCAN + UNLINK); returns how many. For test cleanup. */
export async function deleteKeysWithPrefix(client: TRedisClient, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${escapeRedisGlob(prefix)}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
