// The TypeScript compiler API over in-memory files: the code a person or a generator wrote is
// parsed and type-checked as the apps' own code is (strict, react-jsx), against the workspace's
// real React, Vitest, Testing Library and Storybook types. Those declarations (and the standard
// library, and Node's types that Vitest pulls in) are parsed once per process and shared by every
// check, so a warm check costs only the checked files themselves.
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import type { TCheckProblem } from './check-problem';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  jsx: ts.JsxEmit.ReactJSX,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  skipLibCheck: true,
  noUncheckedIndexedAccess: true,
  isolatedModules: true,
  esModuleInterop: true,
};

/**
 * Where the in-memory files seem to live: a folder beside the `node_modules` that holds the
 * compiler, so `import … from 'react'` resolves to that install's `@types/react` like any app
 * file. Found through the compiler's own path, not `require.resolve`, which a bundler rewrites.
 */
function virtualRoot(): string {
  return join(installRoot(), '.spark-check');
}

/** The folder whose node_modules holds the compiler: the workspace (or a standalone server's root). */
export function installRoot(): string {
  // …/node_modules/typescript/lib/typescript.js → …
  return resolve(dirname(ts.sys.getExecutingFilePath()), '..', '..', '..');
}

let root: string | undefined;
/** Declaration files read from disk, parsed once (they never change while the process runs). */
const sharedSourceFiles = new Map<string, ts.SourceFile>();

/**
 * Resolutions of imports made by declaration files and of bare package names: node_modules does
 * not change while the process runs, so every check shares them. Relative imports between the
 * checked files themselves are resolved anew each time (the set of files differs per check).
 */
let moduleResolutionCache: ts.ModuleResolutionCache | undefined;

/**
 * The previous check's program, given to the next one as `oldProgram`: the compiler then reuses
 * its resolutions and its unchanged files' structure instead of redoing them.
 */
let previousProgram: ts.Program | undefined;

function createHost(virtualDirs: ReadonlySet<string>, files: ReadonlyMap<string, string>): ts.CompilerHost {
  const diskHost = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const readFromDisk = diskHost.getSourceFile.bind(diskHost);
  moduleResolutionCache ??= ts.createModuleResolutionCache(
    root ?? virtualRoot(),
    diskHost.getCanonicalFileName,
    COMPILER_OPTIONS,
  );
  const sharedCache = moduleResolutionCache;
  const host: ts.CompilerHost = {
    ...diskHost,
    fileExists: (fileName) => files.has(fileName) || ts.sys.fileExists(fileName),
    // The checked files' folders exist only in memory; resolution looks for them before their files.
    directoryExists: (directoryName) =>
      virtualDirs.has(directoryName) || ts.sys.directoryExists(directoryName),
    readFile: (fileName) => files.get(fileName) ?? ts.sys.readFile(fileName),
    getSourceFile: (fileName, languageVersion, onError) => {
      const text = files.get(fileName);
      if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
      const cached = sharedSourceFiles.get(fileName);
      if (cached) return cached;
      const sourceFile = readFromDisk(fileName, languageVersion, onError);
      if (sourceFile) sharedSourceFiles.set(fileName, sourceFile);
      return sourceFile;
    },
    resolveModuleNameLiterals: (
      literals,
      containingFile,
      redirectedReference,
      options,
      containingSourceFile,
    ) =>
      literals.map((literal) => {
        const isBetweenCheckedFiles = files.has(containingFile) && literal.text.startsWith('.');
        return ts.resolveModuleName(
          literal.text,
          containingFile,
          options,
          host,
          isBetweenCheckedFiles ? undefined : sharedCache,
          redirectedReference,
          ts.getModeForUsageLocation(containingSourceFile, literal, options),
        );
      }),
    writeFile: () => undefined,
  };
  return host;
}

function toProblem(diagnostic: ts.Diagnostic, rule: 'syntax' | 'type', baseDir: string): TCheckProblem {
  // A message that names a checked module by path shows it as the person sees it (`"./Button"`),
  // not under the server's folder for in-memory files.
  const flat = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const message = baseDir ? flat.replaceAll(`${baseDir}/`, './') : flat;
  if (!diagnostic.file || diagnostic.start === undefined)
    return { rule, file: '', line: 1, column: 1, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = diagnostic.file.fileName.startsWith(`${baseDir}/`)
    ? diagnostic.file.fileName.slice(baseDir.length + 1)
    : diagnostic.file.fileName;
  return { rule, file, line: line + 1, column: character + 1, message };
}

export type TTypeCheckResult = {
  problems: TCheckProblem[];
  /** The parsed files by their given name, for the checks that read the syntax tree. */
  sourceFiles: Map<string, ts.SourceFile>;
  /** The program the files were checked in (shared by the sets checked together). */
  program: ts.Program;
};

/**
 * What decides whether a set of files may share a program with others without changing their
 * diagnostics: the packages it imports (they decide which declarations, and so which globals and
 * augmentations, are in the program), or null when it must be checked alone because it could
 * change what the others see: a script (its top-level names are global), a `declare global` or
 * `declare module` augmentation, a `/// <reference>`, or a relative import out of its own folder.
 */
function sharingKey(files: Readonly<Record<string, string>>): string | null {
  const packages = new Set<string>();
  for (const [name, text] of Object.entries(files)) {
    const info = ts.preProcessFile(text, true, true);
    if (
      info.referencedFiles.length > 0 ||
      info.typeReferenceDirectives.length > 0 ||
      info.libReferenceDirectives.length > 0 ||
      info.ambientExternalModules?.length
    )
      return null;
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('..') || fileName.startsWith('/')) return null;
      if (!fileName.startsWith('.')) packages.add(fileName);
    }
    const sourceFile = parseFile(name, text);
    if (!ts.isExternalModule(sourceFile)) return null;
    if (sourceFile.statements.some(ts.isModuleDeclaration)) return null;
  }
  return [...packages].sort().join('\n');
}

/**
 * Parses and type-checks `files` (name → source, names like `Button.tsx`) as one program. Syntax
 * errors come first and alone (types of code that does not parse mean nothing); otherwise every
 * type error of the given files, in file and position order.
 */
export function typeCheckFiles(files: Readonly<Record<string, string>>): TTypeCheckResult {
  return typeCheckFileSets([files])[0] as TTypeCheckResult;
}

/**
 * {@link typeCheckFiles} for several sets at once, one result per set, each what the set alone
 * gives: sets with the same {@link sharingKey} share one program, each in its own in-memory folder
 * (`<root>/<index>/`, so the variations of one component, which have the same file names, do not
 * collide), and the checker's work on the declarations' generic types (most of a check's time) is
 * done once for all of them.
 */
export function typeCheckFileSets(fileSets: readonly Readonly<Record<string, string>>[]): TTypeCheckResult[] {
  root ??= virtualRoot();
  const baseRoot = root;
  const groups = new Map<string, number[]>();
  fileSets.forEach((files, index) => {
    const key = sharingKey(files) ?? `alone:${index}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const results: TTypeCheckResult[] = [];
  for (const indices of groups.values()) {
    const baseDirs = new Map(indices.map((index) => [index, join(baseRoot, String(index))]));
    const byPath = new Map<string, string>();
    for (const index of indices)
      for (const [name, text] of Object.entries(fileSets[index] ?? {}))
        byPath.set(join(baseDirs.get(index) as string, name), text);
    const program = ts.createProgram({
      rootNames: [...byPath.keys()],
      options: COMPILER_OPTIONS,
      host: createHost(new Set([baseRoot, ...baseDirs.values()]), byPath),
      ...(previousProgram ? { oldProgram: previousProgram } : {}),
    });
    previousProgram = program;
    for (const index of indices) {
      const baseDir = baseDirs.get(index) as string;
      const sourceFiles = new Map<string, ts.SourceFile>();
      for (const name of Object.keys(fileSets[index] ?? {})) {
        const sourceFile = program.getSourceFile(join(baseDir, name));
        if (sourceFile) sourceFiles.set(name, sourceFile);
      }
      const ours = [...sourceFiles.values()];
      const syntax = ours.flatMap((sourceFile) => program.getSyntacticDiagnostics(sourceFile));
      const problems =
        syntax.length > 0
          ? syntax.map((diagnostic) => toProblem(diagnostic, 'syntax', baseDir))
          : ours
              .flatMap((sourceFile) => program.getSemanticDiagnostics(sourceFile))
              .map((diagnostic) => toProblem(diagnostic, 'type', baseDir));
      results[index] = { problems, sourceFiles, program };
    }
  }
  return results;
}

/** Parses one file (TSX) without checking it: for the checks that read the syntax tree. */
export function parseFile(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
}

/** Syntax errors of one file alone, without resolving its imports. */
export function syntaxProblems(file: string, text: string): TCheckProblem[] {
  const { diagnostics = [] } = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
    },
  });
  return diagnostics.map((diagnostic) => toProblem(diagnostic, 'syntax', ''));
}

/** Paths of the declaration files parsed so far in this process (what a server must ship). */
export function parsedDeclarationFiles(): string[] {
  return [...sharedSourceFiles.keys()];
}

/** A component, its test and its story that import every module generated code may import. */
const WARM_UP_FILES = {
  'WarmUp.tsx': `export function WarmUp({ label }: { label: string }) {
  return <button type="button">{label}</button>;
}
`,
  'WarmUp.test.tsx': `import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { WarmUp } from './WarmUp';

it('renders', async () => {
  const onClick = vi.fn();
  render(<WarmUp label="Go" />);
  await userEvent.click(screen.getByRole('button', { name: 'Go' }));
  expect(onClick).not.toHaveBeenCalled();
});
`,
  'WarmUp.stories.tsx': `import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { WarmUp } from './WarmUp';

const meta = { component: WarmUp, args: { label: 'Go' } } satisfies Meta<typeof WarmUp>;
export default meta;
export const Default: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const onClick = fn();
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Go' }));
    await expect(onClick).not.toHaveBeenCalled();
  },
};
`,
};

/**
 * Parses the standard library's, React's, Vitest's, Testing Library's and Storybook's declarations
 * now, off the request path: the first check in a process otherwise pays for them (seconds on a busy
 * machine). Call once when a server starts. Returns the problems of its own sample (none when every
 * declaration package resolves), so a start-up log can say when one is missing.
 */
export function warmUpTypeCheck(): TCheckProblem[] {
  return typeCheckFiles(WARM_UP_FILES).problems;
}
