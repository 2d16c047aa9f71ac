// GET /generate/type-declarations — React's type declarations (and csstype, which they import) for
// the generator's Monaco editor, so it reports type errors in a component as SPARK's save check
// would. Read from the app's own node_modules (never a CDN); cached by the browser for a day.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageFolders } from '@lumenforge/runtime/package-files';

export const dynamic = 'force-dynamic';

/** Package → the files Monaco needs of it, as `node_modules/<package>/<file>` in its virtual file system. */
const DECLARATIONS: Record<string, readonly string[]> = {
  '@types/react': ['package.json', 'index.d.ts', 'global.d.ts', 'jsx-runtime.d.ts'],
  csstype: ['package.json', 'index.d.ts'],
};

async function readDeclaration(name: string, file: string): Promise<string | null> {
  for (const folder of packageFolders(name, '')) {
    const content = await readFile(join(folder, file), 'utf8').catch(() => null);
    if (content !== null) return content;
  }
  return null;
}

export async function GET() {
  const files: { path: string; content: string }[] = [];
  for (const [name, names] of Object.entries(DECLARATIONS)) {
    for (const file of names) {
      const content = await readDeclaration(name, file);
      if (content === null)
        return Response.json(
          { error: 'declarations_missing', message: `${name}/${file} is not installed beside SPARK.` },
          { status: 503, headers: { 'Cache-Control': 'no-store' } },
        );
      files.push({ path: `node_modules/${name}/${file}`, content });
    }
  }
  return Response.json({ files }, { headers: { 'Cache-Control': 'private, max-age=86400' } });
}
