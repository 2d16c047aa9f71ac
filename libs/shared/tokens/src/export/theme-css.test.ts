import { transform } from 'lightningcss';
import { describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from '../default-token-set.loader';
import { generateThemeCss } from '../theme-css.generator';
import { exportRuntimeThemeCss, exportTailwindTheme } from './theme-css';

const set = loadDefaultTokenSet();
const tailwind = generateThemeCss(set);
const runtime = exportRuntimeThemeCss(set);

/** Custom properties declared anywhere in a stylesheet, with the number of declarations of each. */
function declaredVariables(css: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, name] of css.matchAll(/^\s*(--[\w-]+):/gm))
    counts.set(name as string, (counts.get(name as string) ?? 0) + 1);
  return counts;
}

function braceBalanced(css: string): boolean {
  let depth = 0;
  for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe('exportTailwindTheme', () => {
  it('is the theme CSS the apps build with', () => {
    expect(exportTailwindTheme(set)).toBe(tailwind);
    expect(tailwind).toContain('@theme {\n  --color-*: initial;');
  });
});

describe('exportRuntimeThemeCss', () => {
  it('has no Tailwind directives', () => {
    expect(runtime).not.toMatch(/@theme|@apply|@import|@tailwind|@utility|@variant|--color-\*/);
  });

  it('parses as CSS (lightningcss) and its braces balance', () => {
    expect(braceBalanced(runtime)).toBe(true);
    const result = transform({
      filename: 'runtime-theme.css',
      code: Buffer.from(runtime),
      errorRecovery: false,
    });
    expect(result.warnings).toEqual([]);
    expect(String(result.code)).toContain('@layer theme');
  });

  it('puts the @theme variables in @layer theme on :root, :host and keeps @layer base as is', () => {
    const themeBlock = /^@theme \{\n {2}--color-\*: initial;\n([\s\S]*?)\n\}\n/m.exec(tailwind)?.[1];
    const layerBlock = /^@layer theme \{\n {2}:root,\n {2}:host \{\n([\s\S]*?)\n {2}\}\n\}\n/m.exec(
      runtime,
    )?.[1];
    expect(themeBlock).toBeDefined();
    expect(layerBlock?.split('\n').map((line) => line.slice(2))).toEqual(themeBlock?.split('\n'));
    const base = (css: string) => css.slice(css.indexOf('@layer base {'));
    expect(base(runtime)).toBe(base(tailwind));
  });

  it('declares the same variables as the Tailwind theme, as often', () => {
    const ours = declaredVariables(runtime);
    const theirs = declaredVariables(tailwind);
    expect(ours.size).toBeGreaterThan(200);
    expect(ours).toEqual(theirs);
  });

  it('follows the token set: a changed token changes the runtime CSS', () => {
    const changed = loadDefaultTokenSet();
    const bg = changed.themes.light.color as Record<string, { $value: unknown }>;
    (bg.bg as { $value: unknown }).$value = '{color.spark.50}';
    expect(exportRuntimeThemeCss(changed)).toContain('    --color-bg: var(--color-spark-50);');
    expect(runtime).toContain('    --color-bg: var(--color-neutral-50);');
  });
});
