import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// The IGNIS starter fixture, read from disk: e2e (scope:shared) may not import the workspace lib that
// owns it (libs/ignis/workspace loadStarterFiles).
const STARTER_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'libs',
  'ignis',
  'workspace',
  'src',
  '__fixtures__',
  'starter',
);

/** The starter project's files by path (React + TS + Tailwind, a component with a test and a story). */
export async function loadStarterFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(STARTER_DIR, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((item) => item.isFile())) {
    const full = join(entry.parentPath, entry.name);
    files[relative(STARTER_DIR, full).split(sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}
