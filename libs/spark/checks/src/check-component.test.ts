import { loadDefaultTokenSet, type TTokenSet } from '@lumenforge/tokens';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkComponent, formatProblem, type TCheckProblem, tokenVocabulary, warmUpTypeCheck } from './index';

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '1.4.0');

const GOOD_BUTTON = `import { useState, type ReactNode } from 'react';

export type TButtonProps = { children: ReactNode; onPress?: () => void; disabled?: boolean };

export function Button({ children, onPress, disabled = false }: TButtonProps) {
  const [pressed, setPressed] = useState(false);
  return (
    <button
      type="button"
      disabled={disabled}
      aria-pressed={pressed}
      onClick={() => {
        setPressed(!pressed);
        onPress?.();
      }}
      className={\`inline-flex items-center gap-2 rounded-md px-4 py-2 font-medium text-sm transition-colors duration-(--duration-fast) ease-standard \${
        disabled ? 'bg-surface text-fg-muted' : 'bg-accent text-accent-fg hover:bg-accent-hover'
      } focus-visible:ring-2 focus-visible:ring-accent -mt-0.5 w-px bg-accent/50 text-center border-2 border-dashed border-border outline-none shadow-sm bg-cover max-w-prose\`}
    >
      {children}
    </button>
  );
}
`;

function problemsOf(
  source: string,
  name = 'Button',
  extra: { tests?: string; stories?: string } = {},
): TCheckProblem[] {
  const result = checkComponent({ name, source, ...extra }, vocabulary);
  return result.ok ? [] : result.problems;
}

// The first check in a process parses the declarations (seconds; more on a crowded machine).
beforeAll(() => {
  warmUpTypeCheck();
}, 120_000);

describe('checkComponent', () => {
  it('passes a typed component that styles only with token utilities, and records the token version', () => {
    expect(checkComponent({ name: 'Button', source: GOOD_BUTTON }, vocabulary)).toEqual({
      ok: true,
      tokenVersion: '1.4.0',
    });
  });

  it('refuses code that does not parse, with the compiler message, file, line and column', () => {
    const problems = problemsOf('export function Broken( {\n  return null;\n}\n', 'Broken');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.rule === 'syntax')).toBe(true);
    expect(problems[0]).toMatchObject({
      file: 'Broken.tsx',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(formatProblem(problems[0] as TCheckProblem)).toMatch(/^Broken\.tsx:\d+:\d+ .+expected/);
  });

  it('refuses a type error against the real React types, where it is', () => {
    const source = `export function Badge({ count }: { count: number }) {\n  const label: string = count;\n  return <span className="text-sm">{label}</span>;\n}\n`;
    const [problem, ...rest] = problemsOf(source, 'Badge');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ rule: 'type', file: 'Badge.tsx', line: 2, column: 9 });
    expect(problem?.message).toMatch(/Type 'number' is not assignable to type 'string'/);
    // React's own types are in play: an unknown DOM attribute is refused too.
    const wrongProp = `export function Badge() {\n  return <span hrefx="a">1</span>;\n}\n`;
    expect(problemsOf(wrongProp, 'Badge')[0]?.message).toMatch(/hrefx/);
  });

  it('refuses a file whose export is not the component it is saved as', () => {
    const source = `export function Card() {\n  return <div className="p-4" />;\n}\n`;
    expect(problemsOf(source, 'Button')).toEqual([
      expect.objectContaining({
        rule: 'export',
        message: expect.stringMatching(/named Button but the file exports Card/),
      }),
    ]);
    expect(problemsOf(`const Button = () => null;\nexport { Button };\n`, 'Button')).toEqual([]);
    expect(problemsOf(`export default function Button() { return null; }\n`, 'Button')[0]?.message).toMatch(
      /only a default export/,
    );
  });

  it('refuses a name that is not PascalCase before compiling anything', () => {
    expect(problemsOf(GOOD_BUTTON, 'button; drop')[0]).toMatchObject({
      rule: 'export',
      message: expect.stringMatching(/PascalCase/),
    });
  });

  it.each([
    ['a Tailwind palette colour', 'bg-blue-500', 'token-colour', /not a SLATE colour token \(e\.g\. bg-/],
    ['a colour name no token has', 'border-surfce', 'token-colour', /not a SLATE colour token/],
    ['an arbitrary colour', 'bg-[#ff0000]', 'arbitrary-value', /arbitrary value/],
    ['an arbitrary length', 'p-[13px]', 'arbitrary-value', /arbitrary value/],
    ['an arbitrary property', '[mask-type:luminance]', 'arbitrary-value', /arbitrary value/],
    ['an off-scale spacing step', 'gap-13', 'token-length', /not on the SLATE spacing scale/],
    ['a 1px padding', 'px-px', 'token-length', /fixed 1px/],
    ['a fixed duration', 'duration-300', 'token-class', /motion comes from the SLATE tokens/],
    ['Tailwind’s default easing', 'ease-in-out', 'token-class', /fixed easing/],
    ['the bare radius', 'rounded', 'token-class', /fixed radius/],
    ['an unknown radius', 'rounded-4xl', 'token-class', /not a SLATE radius/],
    [
      'a variable no token defines',
      'bg-(--brand-red)',
      'token-class',
      /--brand-red, which no SLATE token defines/,
    ],
    ['a variant of a palette colour', 'hover:text-red-600', 'token-colour', /not a SLATE colour token/],
  ])('refuses %s in a class list (%s)', (_, className, rule, message) => {
    const source = `export function Box() {\n  return <div className="flex ${className}" />;\n}\n`;
    const problems = problemsOf(source, 'Box');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule, line: 2, message: expect.stringMatching(message) });
  });

  it('finds class lists outside className too: a variants map, a cn() call', () => {
    const source = `const VARIANTS = { primary: 'bg-accent text-accent-fg', danger: 'bg-red-600 text-white' } as const;
function cn(...parts: Array<string | false>) { return parts.filter(Boolean).join(' '); }
export function Pill({ tone, big }: { tone: keyof typeof VARIANTS; big: boolean }) {
  return <span className={cn(VARIANTS[tone], big && 'p-[9px]')} />;
}
`;
    expect(problemsOf(source, 'Pill').map((problem) => [problem.rule, problem.line])).toEqual([
      ['token-colour', 1],
      ['arbitrary-value', 4],
    ]);
  });

  it('refuses hard-coded colours and lengths written as values, and numbers React turns into px', () => {
    const source = `export function Panel() {
  return (
    <div style={{ color: '#1a2b3c', background: 'rgb(0 0 0 / 50%)', padding: 12, margin: '1.5rem', opacity: 0.5, zIndex: 2, top: 0 }}>
      Issue #12 costs 10 points
    </div>
  );
}
`;
    const problems = problemsOf(source, 'Panel');
    expect(problems.map((problem) => [problem.rule, problem.message.split(' ')[0]])).toEqual([
      ['token-colour', '`#1a2b3c`'],
      ['token-colour', '`rgb(…)`'],
      ['token-length', '`padding:'],
      ['token-length', '`1.5rem`'],
    ]);
    expect(problems.every((problem) => problem.line === 3)).toBe(true);
  });

  it('checks the stories for tokens and the tests and stories for syntax', () => {
    const stories = `import { Button } from './Button';\nexport default { component: Button };\nexport const Primary = { args: { children: 'Go' }, render: () => <div className="bg-pink-300"><Button>Go</Button></div> };\n`;
    expect(problemsOf(GOOD_BUTTON, 'Button', { stories })).toEqual([
      expect.objectContaining({ rule: 'token-colour', file: 'Button.stories.tsx', line: 3 }),
    ]);
    const tests = `import { render } from '@testing-library/react';\nit('renders', () => {\n  render(<Button>Go</Button>;\n});\n`;
    expect(problemsOf(GOOD_BUTTON, 'Button', { tests })).toEqual([
      expect.objectContaining({ rule: 'syntax', file: 'Button.test.tsx', line: 3 }),
    ]);
    // Tests are not styled: a colour in a test's expectation is fine.
    const colourTest = `import { expect, it } from 'vitest';\nit('is red', () => { expect(getComputedStyle(document.body).color).not.toBe('#ff0000'); });\n`;
    expect(problemsOf(GOOD_BUTTON, 'Button', { tests: colourTest })).toEqual([]);
  });

  it('follows the live token set: a colour removed from SLATE is refused from then on', () => {
    const source = `export function Note() {\n  return <p className="bg-surface text-fg" />;\n}\n`;
    expect(problemsOf(source, 'Note')).toEqual([]);
    const set = loadDefaultTokenSet();
    const withoutSurface = structuredClone(set) as TTokenSet & { base: { color: Record<string, unknown> } };
    delete withoutSurface.base.color['surface'];
    for (const theme of Object.values(withoutSurface.themes ?? {}) as Array<{
      color?: Record<string, unknown>;
    }>)
      delete theme.color?.['surface'];
    const smaller = tokenVocabulary(withoutSurface);
    const result = checkComponent({ name: 'Note', source }, smaller);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/`bg-surface` is not a SLATE colour token|bg-surface/),
    ]);
  });
});
