// The declaration files the generator's Monaco editor loads, so it type-checks a component, its
// test and its story as SPARK's save check does: the trees of the modules generated code imports,
// followed from each entry through its imports, read from the app's own node_modules (never a CDN).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** What generated code imports: React, and the test and story libraries. */
export const EDITOR_MODULES = [
  'react',
  'react/jsx-runtime',
  'vitest',
  '@testing-library/react',
  '@testing-library/user-event',
  '@storybook/react',
  'storybook/test',
] as const;

/**
 * Declarations the editor does without, so what it downloads stays small: Node's (component files
 * never call it; Vitest's and Storybook's server-side types pull it in) and Storybook's manager,
 * builder and theming bundles. An import of them is `any` in the editor; the save check still has them.
 */
const LEFT_OUT = [
  /\/node_modules\/(@types\/node|undici-types|buffer|ast-types|recast|@webcontainer\/env|vite)\//,
  /\/node_modules\/storybook\/dist\/(core-server|babel|common|csf-tools|node-logger|telemetry|cli|manager|manager-api|theming|components|channels|core-events|docs-tools|server-errors|manager-errors)\b/,
];

/** Resolved as the editor resolves (Bundler: package.json `exports` with the `types` condition). */
const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
};

const DECLARATION = /\.d\.(ts|mts|cts)$/;
/** package.json fields module resolution reads; the rest (scripts, dependencies, …) is not sent. */
const RESOLUTION_FIELDS = ['name', 'version', 'type', 'types', 'typings', 'typesVersions', 'exports'];

export type TDeclarationFile = { path: string; content: string };

/** `node_modules/…` of an absolute path: where the file sits in Monaco's virtual file system. */
function virtualPath(file: string): string {
  const index = file.indexOf('/node_modules/');
  return file.slice(index + 1);
}

/** The package.json files resolution may read for `file`: each one from its folder up to its package's. */
function packageJsonsOf(file: string): string[] {
  const found: string[] = [];
  for (let dir = dirname(file); !dir.endsWith('/node_modules') && dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) found.push(candidate);
    if (dirname(dir).endsWith('/node_modules') || /\/node_modules\/@[^/]+$/.test(dirname(dir))) break;
  }
  return found;
}

function trimmedPackageJson(file: string): string {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(
    Object.fromEntries(RESOLUTION_FIELDS.filter((field) => field in manifest).map((f) => [f, manifest[f]])),
  );
}

/**
 * Every declaration file reachable from `modules` (imports, `/// <reference>`s, type references),
 * resolved from `fromDir`, without the `LEFT_OUT` ones, plus the trimmed package.json files their
 * resolution reads. Throws when an entry module is not installed.
 */
export function collectEditorDeclarations(
  fromDir: string,
  modules: readonly string[] = EDITOR_MODULES,
): TDeclarationFile[] {
  const seen = new Set<string>();
  const manifests = new Set<string>();
  const pending: string[] = [];
  const resolve = (specifier: string, containingFile: string) => {
    const resolved = ts.resolveModuleName(specifier, containingFile, RESOLUTION, ts.sys).resolvedModule;
    return resolved && DECLARATION.test(resolved.resolvedFileName) ? resolved.resolvedFileName : null;
  };
  const enqueue = (file: string | null | undefined) => {
    if (!file || seen.has(file) || LEFT_OUT.some((pattern) => pattern.test(file))) return;
    seen.add(file);
    pending.push(file);
  };

  const entryFile = join(fromDir, 'editor-entry.tsx');
  for (const name of modules) {
    const file = resolve(name, entryFile);
    if (!file) throw new Error(`The declarations of ${name} are not installed beside SPARK`);
    enqueue(file);
  }
  const files: TDeclarationFile[] = [];
  for (let file = pending.shift(); file !== undefined; file = pending.shift()) {
    const content = readFileSync(file, 'utf8');
    files.push({ path: virtualPath(file), content });
    for (const manifest of packageJsonsOf(file)) manifests.add(manifest);
    const info = ts.preProcessFile(content, true, true);
    for (const imported of info.importedFiles) enqueue(resolve(imported.fileName, file));
    for (const referenced of info.referencedFiles) enqueue(join(dirname(file), referenced.fileName));
    for (const directive of info.typeReferenceDirectives)
      enqueue(
        ts.resolveTypeReferenceDirective(directive.fileName, file, RESOLUTION, ts.sys)
          .resolvedTypeReferenceDirective?.resolvedFileName,
      );
  }
  for (const manifest of manifests)
    files.push({ path: virtualPath(manifest), content: trimmedPackageJson(manifest) });
  return files;
}
