// GET /generate/type-declarations — the declaration files the generator's Monaco editor needs to
// type-check a component, its test and its story as SPARK's save check would: React's and the test
// and story libraries' entry trees (editor-declarations.ts). Read from the app's own node_modules
// (never a CDN), collected once per process; cached by the browser for a day.
import { collectEditorDeclarations, type TDeclarationFile } from './editor-declarations';

export const dynamic = 'force-dynamic';

let collected: TDeclarationFile[] | undefined;

export function GET() {
  try {
    collected ??= collectEditorDeclarations(process.cwd());
  } catch (error) {
    return Response.json(
      { error: 'declarations_missing', message: error instanceof Error ? error.message : String(error) },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json({ files: collected }, { headers: { 'Cache-Control': 'private, max-age=86400' } });
}
