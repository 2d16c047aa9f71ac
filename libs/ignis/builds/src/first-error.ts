import type { TBuildErrorDetail, TPipelineStageName } from './build.schema';

// ANSI colour codes, in case a tool colours its output despite NO_COLOR.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function detail(
  stage: TPipelineStageName,
  message: string,
  at: Partial<TBuildErrorDetail> = {},
): TBuildErrorDetail {
  return { stage, message, file: null, line: null, column: null, code: null, limitHit: null, ...at };
}

/** `src/App.tsx(12,7): error TS2322: Type 'string' is not assignable…` → file, line, column, code. */
export function firstTypeScriptError(output: string): TBuildErrorDetail | null {
  for (const raw of output.replace(ANSI, '').split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(raw.trim());
    if (match) {
      const [, file, line, column, code, message] = match;
      return detail('typecheck', `${file}(${line},${column}): ${message}`, {
        file: file ?? null,
        line: Number(line),
        column: Number(column),
        code: code ?? null,
      });
    }
  }
  const global = /error (TS\d+): (.*)/.exec(output.replace(ANSI, ''));
  return global ? detail('typecheck', global[2] ?? 'type error', { code: global[1] ?? null }) : null;
}

/** Vitest: the first failing test's assertion message and its ` ❯ file:line:column` frame. */
export function firstTestError(output: string): TBuildErrorDetail | null {
  const text = output.replace(ANSI, '');
  const lines = text.split('\n');
  const failIndex = lines.findIndex((line) => /^\s*FAIL\s/.test(line));
  if (failIndex < 0) return null;
  const after = lines.slice(failIndex);
  const title = (after[0] ?? '').replace(/^\s*FAIL\s+/, '').trim();
  const errorLine = after
    .find((line) => /^\s*(AssertionError|Error|TypeError|ReferenceError|SyntaxError)\b/.test(line))
    ?.trim();
  const frame = after
    .map((line) => /❯\s+([^\s:]+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(line))
    .find((match) => match !== null);
  const message = `${title}${errorLine ? `: ${errorLine}` : ''}`;
  return detail('tests', message || 'a test failed', {
    file: frame?.[1] ?? null,
    line: frame ? Number(frame[2]) : null,
    column: frame ? Number(frame[3]) : null,
  });
}

/** Vite/Rolldown: `[vite]: Rollup failed to resolve…`, `file: /dir/src/x.tsx:3:10`, or a `src/x.tsx (3:10)` location. */
export function firstBundleError(output: string, workDir: string): TBuildErrorDetail | null {
  const text = output.replace(ANSI, '').split(`${workDir}/`).join('');
  const lines = text.split('\n');
  const errorLine = lines.find((line) => /error|failed/i.test(line) && !/^\s*at\s/.test(line))?.trim();
  if (!errorLine) return null;
  const location =
    /file:\s+([^\s:]+):(\d+):(\d+)/.exec(text) ??
    /(src\/[^\s:()]+):(\d+):(\d+)/.exec(text) ??
    /(src\/[^\s:()]+)\s*\((\d+):(\d+)\)/.exec(text);
  return detail('bundle', errorLine.slice(0, 1000), {
    file: location?.[1] ?? null,
    line: location ? Number(location[2]) : null,
    column: location ? Number(location[3]) : null,
  });
}
