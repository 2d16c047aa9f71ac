// Compiles the generated theme with the real Tailwind v4 compiler and checks that the class names
// apps use produce the CSS they expect.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compile } from 'tailwindcss';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultTokenSet } from './default-token-set.loader';
import { generateThemeCss } from './theme-css.generator';

const require = createRequire(import.meta.url);

let build: (candidates: string[]) => string;

beforeAll(async () => {
  const input = [
    '@import "tailwindcss/theme.css" layer(theme);',
    '@import "tailwindcss/utilities.css" layer(utilities);',
    generateThemeCss(loadDefaultTokenSet()),
  ].join('\n');
  const compiler = await compile(input, {
    base: import.meta.dirname,
    loadStylesheet: async (id) => {
      const path = require.resolve(id);
      return { path, base: dirname(path), content: await readFile(path, 'utf8') };
    },
  });
  build = (candidates) => compiler.build(candidates);
});

/** The body of `.class { … }` in Tailwind's output (escaped class names included). */
function ruleFor(css: string, className: string): string {
  const escaped = className.replace(/[.:/()[\]]/g, (c) => `\\\\${c}`);
  const match = new RegExp(`\\.${escaped} \\{([^}]*)\\}`).exec(css);
  if (!match?.[1]) throw new Error(`No rule for .${className} in:\n${css}`);
  return match[1];
}

describe('Tailwind v4 with the generated theme', () => {
  it.each([
    ['bg-bg', 'background-color: var(--color-bg)'],
    ['bg-surface', 'background-color: var(--color-surface)'],
    ['text-fg', 'color: var(--color-fg)'],
    ['text-fg-muted', 'color: var(--color-fg-muted)'],
    ['border-border', 'border-color: var(--color-border)'],
    ['bg-accent', 'background-color: var(--color-accent)'],
    ['text-accent-fg', 'color: var(--color-accent-fg)'],
    ['text-accent-text', 'color: var(--color-accent-text)'],
    ['bg-accent-100', 'background-color: var(--color-accent-100)'],
    ['text-danger-text', 'color: var(--color-danger-text)'],
    ['bg-success-surface', 'background-color: var(--color-success-surface)'],
    ['bg-spark-500', 'background-color: var(--color-spark-500)'],
    ['rounded-lg', 'border-radius: var(--radius-lg)'],
    ['font-mono', 'font-family: var(--font-mono)'],
    ['font-semibold', 'font-weight: var(--font-weight-semibold)'],
    ['ring-focus', '--tw-ring-color: var(--color-focus)'],
    ['p-4', 'padding: var(--spacing-4)'],
    ['p-0.5', 'padding: var(--spacing-0_5)'],
    ['p-13', 'padding: calc(var(--spacing) * 13)'],
    ['bg-accent-spark', 'background-color: var(--color-accent-spark)'],
    ['text-accent-waypoint-text', 'color: var(--color-accent-waypoint-text)'],
    ['ease-standard', 'transition-timing-function: var(--ease-standard)'],
  ])('%s → %s', (className, declaration) => {
    expect(ruleFor(build([className]), className)).toContain(declaration);
  });

  it('hover:bg-accent-hover works', () => {
    expect(build(['hover:bg-accent-hover'])).toContain('background-color: var(--color-accent-hover)');
  });

  it('text-4xl sets the size and its line height', () => {
    const rule = ruleFor(build(['text-4xl']), 'text-4xl');
    expect(rule).toContain('font-size: var(--text-4xl)');
    expect(rule).toContain('line-height: var(--tw-leading, var(--text-4xl--line-height))');
  });

  it('shadow-sm uses the themable shadow colour', () => {
    expect(ruleFor(build(['shadow-sm']), 'shadow-sm')).toContain(
      'var(--tw-shadow-color, var(--color-shadow))',
    );
  });

  it('emits the variables the classes need, following var() chains', () => {
    const css = build(['bg-accent', 'bg-bg']);
    expect(css).toContain('--color-accent: var(--color-landing-400);');
    expect(css).toMatch(/--color-landing-400: oklch\(/);
    expect(css).toMatch(/--color-neutral-50: oklch\(/);
    // referenced only from the [data-system] and dark rules, still emitted
    expect(css).toMatch(/--color-spark-600: oklch\(/);
    expect(css).toMatch(/--color-neutral-950: oklch\(/);
  });

  it("Tailwind's default palette is gone", () => {
    const css = build(['bg-red-500', 'text-blue-600']);
    expect(css).not.toContain('.bg-red-500');
    expect(css).not.toContain('--color-red-500');
  });
});
