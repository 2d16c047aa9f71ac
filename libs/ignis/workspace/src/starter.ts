import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { STARTER_DIR } from './paths';

/** The starter project's files (React + TS + Tailwind 4, one component with a test and a story), keyed by path. */
export async function loadStarterFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile())
        files[relative(STARTER_DIR, full).split(sep).join('/')] = await readFile(full, 'utf8');
    }
  };
  await walk(STARTER_DIR);
  return files;
}
