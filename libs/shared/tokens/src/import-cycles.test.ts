// Keeps this lib's modules free of import cycles. A cycle makes the evaluation order depend on which
// module is imported first (a `const` read before it is initialised throws), and it means two files
// share one idea; ESLint's import/no-cycle is not installed here, so the graph is walked directly.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = import.meta.dirname;
const EXTENSIONS = ['.ts', '.tsx'];

/** Every module a file imports or re-exports by a relative path (type-only imports included). */
function relativeImports(file: string, text: string, files: ReadonlySet<string>): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier))
    .flatMap((base) => {
      const candidates = [
        base,
        ...EXTENSIONS.map((ext) => base + ext),
        ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
      ];
      const found = candidates.find((candidate) => files.has(candidate));
      return found ? [found] : [];
    });
}

/** The import graph of `sources` (absolute path → text). */
function importGraph(sources: ReadonlyMap<string, string>): Map<string, string[]> {
  const files = new Set(sources.keys());
  return new Map([...sources].map(([file, text]) => [file, relativeImports(file, text, files)]));
}

/** One path per cycle found (the first module repeated at the end), by depth-first search. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (file: string) => {
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (onStack.has(next)) cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((ext) => entry.name.endsWith(ext)) ? [path] : [];
  });
}

describe('import cycles', () => {
  it('finds a cycle through a re-export and a type-only import', () => {
    const graph = importGraph(
      new Map([
        ['/lib/a.ts', "import { b } from './b';"],
        ['/lib/b.ts', "export { c } from './c';"],
        ['/lib/c.ts', "import type { A } from './a';"],
        ['/lib/d.ts', "import { a } from './a';"],
      ]),
    );
    expect(findCycles(graph)).toEqual([['/lib/a.ts', '/lib/b.ts', '/lib/c.ts', '/lib/a.ts']]);
  });

  it('has none between the modules of @lumenforge/tokens', () => {
    const sources = new Map(sourceFiles(SOURCE_ROOT).map((file) => [file, readFileSync(file, 'utf8')]));
    const cycles = findCycles(importGraph(sources)).map((cycle) =>
      cycle.map((file) => relative(SOURCE_ROOT, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});
