// Entry `@lumenforge/ignition-templates/built-in` (server side: reads the lib's folder with node:fs,
// so no client bundle can take it): the built-in templates, `templates/<id>/template.json` +
// `templates/<id>/files/**`, validated. No `server-only` import: the db seed runs it in plain Node.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError } from './render-project';
import type { TTemplate, TTemplateFile } from './template-manifest.schema';
import { validateTemplate } from './validate-template';

/**
 * The folder of the built-in templates (`libs/ignition/templates/templates`) beside this file's
 * sources. Read when called, not at load: a Next (Turbopack) server bundle has no
 * `import.meta.dirname`, and passes the folder it traced instead (see apps/ignition).
 */
export function builtInTemplatesDir(): string {
  const here = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));
  return join(/* turbopackIgnore: true */ here, '..', 'templates');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text (valid UTF-8 without NUL) is stored as is; anything else as base64, byte for byte. */
function toTemplateFile(path: string, bytes: Buffer): TTemplateFile {
  try {
    const text = utf8.decode(bytes);
    if (!text.includes('\0')) return { path, content: text, encoding: 'utf8' };
  } catch {
    // not UTF-8: binary
  }
  return { path, content: bytes.toString('base64'), encoding: 'base64' };
}

/** Reads one template folder (`template.json` and `files/**`) and validates it; throws `TemplateError`. */
export async function loadTemplateFromDir(dir: string): Promise<TTemplate> {
  const manifest: unknown = JSON.parse(
    await readFile(join(/* turbopackIgnore: true */ dir, 'template.json'), 'utf8'),
  );
  const filesDir = join(/* turbopackIgnore: true */ dir, 'files');
  const entries = await readdir(filesDir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const absolute = join(/* turbopackIgnore: true */ entry.parentPath, entry.name);
        return toTemplateFile(relative(filesDir, absolute).split(sep).join('/'), await readFile(absolute));
      }),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const result = validateTemplate(manifest, files);
  if (!result.template) {
    throw new TemplateError(result.issues.map((issue) => ({ ...issue, path: `${dir}: ${issue.path}` })));
  }
  return result.template;
}

/** Every built-in template, sorted by id (the lead's seed stores them as template versions). */
export async function loadBuiltInTemplates(dir = builtInTemplatesDir()): Promise<TTemplate[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const ids = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(ids.map((id) => loadTemplateFromDir(join(/* turbopackIgnore: true */ dir, id))));
}
