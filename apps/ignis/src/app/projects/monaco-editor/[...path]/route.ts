// GET /projects/monaco-editor/vs/… — Monaco's AMD build (node_modules/monaco-editor/min/vs) served
// by the app itself, so the editor never loads code from a CDN. Public, immutable per version.
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';

export const dynamic = 'force-dynamic';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The monaco-editor package's `min` folder: the nearest node_modules/monaco-editor from the working
 * directory up (`next dev` runs in apps/ignis, the standalone server in .next/standalone/apps/ignis,
 * both below the workspace's node_modules; an image must ship the package beside the server).
 */
function monacoRoots(): string[] {
  const roots: string[] = [];
  let dir = process.cwd();
  for (;;) {
    roots.push(resolve(/* turbopackIgnore: true */ dir, 'node_modules', 'monaco-editor', 'min'));
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}
const ROOTS = monacoRoots();

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  if (
    path[0] !== 'vs' ||
    path.some((segment) => segment === '..' || segment.includes('\\') || segment.includes('\0'))
  ) {
    return new Response('Not found', { status: 404 });
  }
  const type = TYPES[extname(path.at(-1) ?? '')];
  if (!type) return new Response('Not found', { status: 404 });
  for (const root of ROOTS) {
    const file = join(root, ...path);
    if (!file.startsWith(root + sep)) continue;
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
