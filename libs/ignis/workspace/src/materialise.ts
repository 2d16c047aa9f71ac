import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { TDbClient } from '@lumenforge/db/server';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { dependencySetIdFor, ensureDependencies, type TDependencySet } from './dependencies';
import { computeInputDigest } from './digest';
import { FileNotFoundError, InvalidFilePathError, validateFilePath, validateTree } from './limits';
import { ignisPaths } from './paths';
import { ProjectFileRepository } from './project-file.repository';
import { loadStarterFiles } from './starter';
import { THEME_CSS_FILE, TOKENS_CSS_FILE, tokenCssFor, type TTokenCss, workspaceTokenCss } from './token-css';

export type TMaterialiseSource =
  | { kind: 'project'; projectId: string }
  | { kind: 'component'; componentId: string; version?: number }
  | { kind: 'component-library'; workspaceId: string }
  | { kind: 'files'; files: Record<string, string>; entry: string; workspaceId?: string };

export type TMaterialiseOptions = {
  /** LUMENFORGE_HOME. */
  home: string;
  /** Needed for every source but `files`. */
  db?: TDbClient;
  /**
   * The work directory's name under `<home>/ignis/work/`. A dev session passes a stable one and is
   * updated in place (only changed files are rewritten, so Vite sees just those); by default the
   * directory is content-addressed: `<kind>-<id>-<digest>`.
   */
  key?: string;
  /** The token stylesheets; default: the workspace's latest published set (or the default set). */
  tokens?: TTokenCss;
  /** Install a lockfile's dependencies if they are not cached yet (default false: a preview never installs). */
  allowInstall?: boolean;
};

export type TMaterialised = {
  dir: string;
  /** sha256 over the sorted (path, content) pairs (generated files included) and the dependency set. */
  inputDigest: string;
  /** Every path written (the tree's plus the generated ones), sorted. */
  files: string[];
  /** The workspace whose tokens style it, when known. */
  workspaceId: string | null;
  tokens: TTokenCss;
  /** The linked dependency set, or `missing` when a lockfile set is not installed yet (run `ensureDependencies`). */
  dependencies: TDependencySet | { id: string; missing: true };
};

/** The paths IGNIS generates in every work directory (not part of a stored tree). */
export const GENERATED_FILES = [THEME_CSS_FILE, TOKENS_CSS_FILE] as const;
const MANIFEST = join('.ignis', 'files.json');
const PREVIEW_ENTRY = 'lumenforge-preview.tsx';
const SCAFFOLD_FROM_STARTER = ['package.json', 'vite.config.ts', 'tsconfig.json', 'src/index.css'] as const;

/** The absolute path of `path` inside `dir`, refusing anything that would leave it. */
export function resolveInside(dir: string, path: string): string {
  validateFilePath(path);
  const root = resolve(dir);
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new InvalidFilePathError(path, 'it would leave the project');
  return full;
}

/** Writes one file of a work directory if its content changed; returns whether it did. */
export async function writeWorkFile(dir: string, path: string, content: string): Promise<boolean> {
  const full = resolveInside(dir, path);
  const current = await readFile(full, 'utf8').catch(() => null);
  if (current === content) return false;
  await mkdir(dirname(full), { recursive: true });
  // Written beside it, then renamed over it: a dev server watching the file never reads it half
  // written (Vite once saw an empty Counter.tsx mid-write: "export Counter removed").
  const partial = join(dirname(full), `.${basename(full)}.${process.pid}.${randomUUID()}.partial`);
  try {
    await writeFile(partial, content);
    await rename(partial, full);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return true;
}

/** Removes one file of a work directory (no error if it is already gone). */
export async function removeWorkFile(dir: string, path: string): Promise<void> {
  await rm(resolveInside(dir, path), { force: true });
}

/**
 * Materialises a project, a component, a workspace's component library or a set of files into a
 * work directory under `<home>/ignis/work/`: writes the tree (validated: paths and sizes), the
 * scaffold a component needs to run (index.html, Vite config, an entry that renders it), the
 * workspace's token stylesheets, removes files a previous materialisation wrote that are gone, and
 * links `node_modules` to the shared read-only install (or a cached lockfile install).
 * @throws InvalidFilePathError | FileTooLargeError | FileNotFoundError | DependencyInstallError
 */
export async function materialise(
  source: TMaterialiseSource,
  options: TMaterialiseOptions,
): Promise<TMaterialised> {
  const { tree, workspaceId, sourceId } = await loadSource(source, options.db);
  validateTree(tree);
  const tokens =
    options.tokens ??
    (options.db ? await workspaceTokenCss(options.db, workspaceId) : tokenCssFor(loadDefaultTokenSet()));
  const files: Record<string, string> = {
    ...tree,
    [THEME_CSS_FILE]: tokens.themeCss,
    [TOKENS_CSS_FILE]: tokens.runtimeCss,
  };
  const dependencySetId = await dependencySetIdFor(files, options.home);
  const inputDigest = computeInputDigest(files, dependencySetId);
  const key = options.key ?? `${source.kind}-${sourceId}-${inputDigest.slice(0, 16)}`;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(key) || key.startsWith('.'))
    throw new InvalidFilePathError(key, 'not a valid work directory name');
  const dir = join(ignisPaths(options.home).work, key);
  await mkdir(join(dir, '.ignis'), { recursive: true });

  const previous = await readFile(join(dir, MANIFEST), 'utf8')
    .then((text) => JSON.parse(text) as string[])
    .catch(() => [] as string[]);
  for (const [path, content] of Object.entries(files)) await writeWorkFile(dir, path, content);
  for (const path of previous) if (!(path in files)) await removeWorkFile(dir, path).catch(() => undefined);
  const paths = Object.keys(files).sort();
  await writeFile(join(dir, MANIFEST), JSON.stringify(paths));

  let dependencies: TMaterialised['dependencies'];
  try {
    dependencies = await ensureDependencies(dir, {
      home: options.home,
      allowInstall: options.allowInstall ?? false,
    });
  } catch (error) {
    if (options.allowInstall) throw error;
    dependencies = { id: dependencySetId, missing: true };
  }
  return { dir, inputDigest, files: paths, workspaceId, tokens, dependencies };
}

type TLoadedSource = { tree: Record<string, string>; workspaceId: string | null; sourceId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireDb(db: TDbClient | undefined, kind: string): TDbClient {
  if (!db) throw new Error(`materialise: a ${kind} source needs options.db`);
  return db;
}

async function loadSource(source: TMaterialiseSource, db: TDbClient | undefined): Promise<TLoadedSource> {
  switch (source.kind) {
    case 'files': {
      validateFilePath(source.entry);
      if (!(source.entry in source.files))
        throw new FileNotFoundError(`The entry ${source.entry} is not among the files.`);
      const tree = await withScaffold(source.files, source.entry);
      return { tree, workspaceId: source.workspaceId ?? null, sourceId: 'files' };
    }
    case 'project': {
      const client = requireDb(db, source.kind);
      if (!UUID.test(source.projectId)) throw new FileNotFoundError('The project does not exist.');
      const project = await client.project.findUnique({
        where: { id: source.projectId },
        select: { workspaceId: true },
      });
      if (!project) throw new FileNotFoundError('The project does not exist.');
      const tree = await new ProjectFileRepository(client).readTree(source.projectId);
      return { tree, workspaceId: project.workspaceId, sourceId: source.projectId };
    }
    case 'component': {
      const client = requireDb(db, source.kind);
      if (!UUID.test(source.componentId)) throw new FileNotFoundError('The component does not exist.');
      const component = await client.component.findUnique({
        where: { id: source.componentId },
        select: { name: true, workspaceId: true, latestVersion: true },
      });
      if (!component) throw new FileNotFoundError('The component does not exist.');
      const number = source.version ?? component.latestVersion;
      const version = await client.componentVersion.findUnique({
        where: { componentId_number: { componentId: source.componentId, number } },
        select: { source: true, tests: true, stories: true },
      });
      if (!version) throw new FileNotFoundError(`Version ${number} of ${component.name} does not exist.`);
      const base = `src/components/${component.name}`;
      const files: Record<string, string> = { [`${base}.tsx`]: version.source };
      if (version.tests) files[`${base}.test.tsx`] = version.tests;
      if (version.stories) files[`${base}.stories.tsx`] = version.stories;
      const tree = await withScaffold(files, `${base}.tsx`);
      return { tree, workspaceId: component.workspaceId, sourceId: `${source.componentId}-v${number}` };
    }
    case 'component-library': {
      const client = requireDb(db, source.kind);
      const components = await client.component.findMany({
        where: { workspaceId: source.workspaceId, status: 'published' },
        select: {
          name: true,
          latestVersion: true,
          versions: { select: { number: true, source: true, stories: true } },
        },
        orderBy: { name: 'asc' },
      });
      const files: Record<string, string> = {};
      for (const component of components) {
        const latest = component.versions.find((version) => version.number === component.latestVersion);
        if (!latest) continue;
        files[`src/components/${component.name}.tsx`] = latest.source;
        if (latest.stories) files[`src/components/${component.name}.stories.tsx`] = latest.stories;
      }
      files['src/catalogue.tsx'] = CATALOGUE_SOURCE;
      const tree = await withScaffold(files, 'src/catalogue.tsx');
      return { tree, workspaceId: source.workspaceId, sourceId: source.workspaceId };
    }
  }
}

/** Adds what a bare component or file set needs to run: the starter's config, an index.html and an entry that renders `entry`. */
async function withScaffold(files: Record<string, string>, entry: string): Promise<Record<string, string>> {
  const starter = await loadStarterFiles();
  const tree = { ...files };
  for (const path of SCAFFOLD_FROM_STARTER)
    if (!(path in tree) && starter[path] !== undefined) tree[path] = starter[path];
  if (!('index.html' in tree)) {
    tree['index.html'] = (starter['index.html'] ?? '').replace('/src/main.tsx', `/${PREVIEW_ENTRY}`);
    tree[PREVIEW_ENTRY] = previewEntrySource(entry);
  }
  return tree;
}

function previewEntrySource(entry: string): string {
  const exportName =
    entry
      .split('/')
      .pop()
      ?.replace(/\.[^.]+$/, '') ?? '';
  return `// Generated by IGNIS: renders ${entry}.
import { createElement, StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import './src/index.css';
import './${TOKENS_CSS_FILE}';
import * as entry from './${entry}';

const exports = entry as Record<string, unknown>;
const Component = (exports['default'] ?? exports[${JSON.stringify(exportName)}] ??
  Object.values(exports).find((value) => typeof value === 'function')) as ComponentType | undefined;
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
if (!Component) throw new Error('${entry} exports no component to render');
createRoot(root).render(createElement(StrictMode, null, createElement(Component)));
`;
}

const CATALOGUE_SOURCE = `// Generated by IGNIS: the workspace's published components and their stories.
import { createElement, type ComponentType } from 'react';

type TStory = ComponentType | { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => unknown; name?: string };
type TStoriesModule = { default?: { title?: string; component?: ComponentType<Record<string, unknown>> } } & Record<string, TStory>;

const stories = import.meta.glob<TStoriesModule>('./components/*.stories.tsx', { eager: true });
const components = import.meta.glob<Record<string, ComponentType>>('./components/*.tsx', { eager: true });

function renderStory(meta: TStoriesModule['default'], story: TStory) {
  if (typeof story === 'function') return createElement(story);
  if (story.render) return story.render(story.args ?? {}) as never;
  return meta?.component ? createElement(meta.component, story.args ?? {}) : null;
}

export default function Catalogue() {
  const names = Object.keys(components).filter((path) => !path.endsWith('.stories.tsx') && !path.endsWith('.test.tsx'));
  return createElement('main', { className: 'flex flex-col gap-8 p-6' },
    names.length === 0 ? createElement('p', null, 'No published components yet.') : null,
    ...names.map((path) => {
      const name = path.replace('./components/', '').replace('.tsx', '');
      const module = stories[\`./components/\${name}.stories.tsx\`];
      // Every export but the meta (default) is a story.
      const entries = module ? Object.entries(module).filter(([key]) => key !== 'default') : [];
      const Fallback = components[path]?.[name] ?? components[path]?.['default'];
      return createElement('section', { key: name, 'aria-label': name, className: 'flex flex-col gap-3' },
        createElement('h2', { className: 'text-lg font-semibold' }, name),
        ...(entries.length > 0
          ? entries.map(([storyName, story]) => createElement('div', { key: storyName, className: 'rounded border border-border p-4' },
              createElement('h3', { className: 'text-sm text-fg-muted' }, storyName), renderStory(module?.default, story as TStory)))
          : Fallback ? [createElement(Fallback)] : []));
    }));
}
`;

/** Whether `dir` holds a materialised work directory. */
export function isWorkDir(dir: string): boolean {
  return existsSync(join(dir, MANIFEST));
}
