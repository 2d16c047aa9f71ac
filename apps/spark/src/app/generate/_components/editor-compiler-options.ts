// The generator editor's TypeScript options: those of SPARK's save check (@lumenforge/spark-checks),
// as the plain numbers Monaco's setCompilerOptions takes (this module runs in the browser).
export const EDITOR_COMPILER_OPTIONS = {
  target: 9, // ES2022
  module: 99, // ESNext
  moduleResolution: 100, // Bundler: package.json `exports`, as the served declarations need
  jsx: 4, // react-jsx
  strict: true,
  noUncheckedIndexedAccess: true,
  isolatedModules: true,
  esModuleInterop: true,
  allowNonTsExtensions: true,
  skipLibCheck: true,
  noEmit: true,
  types: [] as string[],
  lib: ['es2022', 'dom', 'dom.iterable'],
};
