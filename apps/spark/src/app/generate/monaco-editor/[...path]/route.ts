// GET /generate/monaco-editor/vs/… — Monaco's AMD build (node_modules/monaco-editor/min/vs) served
// by SPARK itself for the generator's editor, so it never loads code from a CDN. Immutable per version.
import { packageFolders, servePackageFile } from '@lumenforge/runtime/package-files';

export const dynamic = 'force-dynamic';

const FOLDERS = packageFolders('monaco-editor', 'min');

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  if (path[0] !== 'vs') return new Response('Not found', { status: 404 });
  return servePackageFile(FOLDERS, path);
}
