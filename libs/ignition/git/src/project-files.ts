import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GitInputError } from './git-errors';

/** One file of a generated project (what ignition-templates renders). */
export type ProjectFile = { path: string; content: string | Uint8Array; executable?: boolean };

/** Rejects paths that would escape the work tree or write into git's own metadata. */
export function assertSafeProjectPath(path: string): void {
  const segments = path.split('/');
  const isUnsafe =
    !path ||
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git');
  if (isUnsafe) throw new GitInputError(`Invalid file path in the generated project: ${JSON.stringify(path)}.`);
}

/** Writes the files under `dir` (which must exist), after checking every path and duplicates. */
export async function writeProjectFiles(dir: string, files: readonly ProjectFile[]): Promise<void> {
  const seen = new Set<string>();
  for (const file of files) {
    assertSafeProjectPath(file.path);
    if (seen.has(file.path)) throw new GitInputError(`The generated project lists ${file.path} twice.`);
    seen.add(file.path);
  }
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    if (file.executable) await chmod(target, 0o755);
  }
}
