// GET /projects/webcontainer-api/… — `@webcontainer/api`'s dist folder, served by the app itself
// and imported by the editor only when the in-browser runtime is chosen (IGNIS_WEBCONTAINER=on).
// 404 while the package is not installed (the editor then says so and keeps the option off).
import { WEBCONTAINER_API_FOLDERS } from '../../_webcontainer/package';
import { servePackageFile } from '@lumenforge/runtime/package-files';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  return servePackageFile(WEBCONTAINER_API_FOLDERS, path);
}
