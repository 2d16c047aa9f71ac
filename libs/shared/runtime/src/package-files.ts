// A folder of an npm package served by the app itself (Monaco in IGNIS and SPARK, @webcontainer/api),
// so an editor never loads code from a CDN. Found in the nearest node_modules from the working
// directory up (`next dev` runs in apps/<app>, the standalone server in .next/standalone/apps/<app>,
// both below the workspace's node_modules; an image must ship the package beside the server).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** `<dir>/node_modules/<name>/<folder>` for the working directory and each folder above it. */
export function packageFolders(name: string, folder: string): string[] {
  const folders: string[] = [];
  let dir = process.cwd();
  for (;;) {
    folders.push(resolve(/* turbopackIgnore: true */ dir, 'node_modules', name, folder));
    const parent = dirname(dir);
    if (parent === dir) return folders;
    dir = parent;
  }
}

/** Whether any of `folders` exists (the package is installed). */
export function isPackageInstalled(folders: readonly string[]): boolean {
  return folders.some((folder) => existsSync(folder));
}

/** GET handler body: the file at `path` inside the first of `folders` that has it; 404 otherwise. */
export async function servePackageFile(
  folders: readonly string[],
  path: readonly string[],
): Promise<Response> {
  const type = TYPES[extname(path.at(-1) ?? '')];
  if (!type || path.some((segment) => segment === '..' || segment.includes('\\') || segment.includes('\0')))
    return new Response('Not found', { status: 404 });
  for (const folder of folders) {
    const file = join(folder, ...path);
    if (!file.startsWith(folder + sep)) continue;
    const body = await readFile(file).catch(() => null);
    if (body) {
      return new Response(body, {
        headers: {
          'Content-Type': type,
          'Cache-Control': 'public, max-age=86400',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }
  }
  return new Response('Not found', { status: 404 });
}
