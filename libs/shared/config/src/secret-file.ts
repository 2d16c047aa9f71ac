import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Shortest stored secret that is kept; a shorter one (edited by hand, truncated) is replaced. */
const MIN_SECRET_LENGTH = 32;

/**
 * A platform secret: `configured` when set, else 32 random bytes (base64url) generated once and kept
 * in `<home>/<fileName>` with mode 0600, so every process of one installation shares it across
 * restarts. Node only (file system).
 */
export async function ensureSecretFile(home: string, fileName: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(home, fileName);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= MIN_SECRET_LENGTH) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(home, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file: a replaced short secret keeps its old mode otherwise.
  await chmod(file, 0o600);
  return secret;
}
