// IDENTITY_HOME holds private keys, client secrets and password hashes: the directory is 0700 and
// every file 0600, written atomically (temp file + rename) so a crash never leaves half a key.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';

export const HOME_DIR_MODE = 0o700;
export const STATE_FILE_MODE = 0o600;

/** Creates IDENTITY_HOME (and parents) if needed and makes sure only its owner can enter it. */
export async function ensureIdentityHome(home: string): Promise<void> {
  // Parents keep the default mode: LUMENFORGE_HOME must stay reachable by the embedded
  // PostgreSQL's system user (a recursive mkdir would give every new parent 0700).
  await mkdir(dirname(home), { recursive: true });
  await mkdir(home, { mode: HOME_DIR_MODE }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  // mkdir's mode is masked by the umask and ignored for an existing directory.
  await chmod(home, HOME_DIR_MODE);
}

/** Reads and validates a JSON state file; undefined when it does not exist. */
export async function readStateFile<TSchema extends z.ZodType>(
  home: string,
  name: string,
  schema: TSchema,
): Promise<z.infer<TSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(join(home, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(
      `identity: ${join(home, name)} is not valid (${parsed.error.issues[0]?.message ?? 'unknown error'}); ` +
        'delete it to have it generated again.',
    );
  }
  return parsed.data;
}

/** Writes a JSON state file with mode 0600, atomically. */
export async function writeStateFile(home: string, name: string, data: unknown): Promise<void> {
  const target = join(home, name);
  const temporary = join(home, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: STATE_FILE_MODE, flag: 'wx' });
  await chmod(temporary, STATE_FILE_MODE);
  await rename(temporary, target);
}

/** 32 random bytes, base64url: client secrets, cookie keys. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
