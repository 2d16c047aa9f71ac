// Module hooks for a check worker thread: the lib's own `.ts` files under src/ load as JavaScript
// transpiled by `typescript` (types erased, nothing else changed), and their extensionless relative
// imports (`./type-check`) find the `.ts` file. Everything else loads as Node loads it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCES = new URL('../src/', import.meta.url).href;

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  if (
    context.parentURL?.startsWith(SOURCES) &&
    specifier.startsWith('.') &&
    !/\.[cm]?[jt]sx?$/.test(specifier)
  ) {
    const url = new URL(`${specifier}.ts`, context.parentURL);
    if (existsSync(url)) return { url: url.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith(SOURCES) || !url.endsWith('.ts')) return nextLoad(url, context);
  const { outputText } = ts.transpileModule(await readFile(new URL(url), 'utf8'), {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      sourceMap: false,
    },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
