import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EDITOR_COMPILER_OPTIONS } from '../_components/editor-compiler-options';
import { collectEditorDeclarations } from './editor-declarations';

const COMPONENT = `export type GreetingProps = { label: string; tone?: 'calm' | 'loud' };
export function Greeting({ label, tone = 'calm' }: GreetingProps) {
  return <button type="button" data-tone={tone}>{label}</button>;
}
`;
const TESTS = `import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Greeting } from './Greeting';

describe('Greeting', () => {
  it('renders its label', async () => {
    const onClick = vi.fn();
    render(<Greeting label="Hello" />);
    await userEvent.click(screen.getByRole('button', { name: 'Hello' }));
    expect(onClick).not.toHaveBeenCalled();
  });
});
`;
const storiesWith = (args: string) => `import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Greeting } from './Greeting';

const meta = { title: 'Greeting', component: Greeting, args: { label: 'Hello' } } satisfies Meta<typeof Greeting>;
export default meta;
type Story = StoryObj<typeof meta>;
export const Loud: Story = {
  args: ${args},
  play: async ({ canvasElement }) => {
    const onClick = fn();
    await userEvent.click(within(canvasElement).getByRole('button'));
    await expect(onClick).not.toHaveBeenCalled();
  },
};
`;

const served = collectEditorDeclarations(resolve(import.meta.dirname));

/**
 * What Monaco's TypeScript worker does with the served files: every one a root file at
 * file:///node_modules/…, the component's three files beside them, the editor's compiler options;
 * the diagnostics of the component's own files (the only ones the editor shows).
 */
function editorDiagnostics(stories: string): string[] {
  const files = new Map<string, string>(served.map((file) => [`/${file.path}`, file.content]));
  const own = new Map([
    ['/Greeting.tsx', COMPONENT],
    ['/Greeting.test.tsx', TESTS],
    ['/Greeting.stories.tsx', stories],
  ]);
  for (const [path, text] of own) files.set(path, text);
  const { options } = ts.convertCompilerOptionsFromJson(
    {
      ...EDITOR_COMPILER_OPTIONS,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
    },
    '/',
  );
  const real = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...real,
    getCurrentDirectory: () => '/',
    fileExists: (path) => files.has(path) || (path.includes('/typescript/lib/') && real.fileExists(path)),
    readFile: (path) =>
      files.get(path) ?? (path.includes('/typescript/lib/') ? real.readFile(path) : undefined),
    directoryExists: (path) =>
      [...files.keys()].some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`)),
    getSourceFile: (path, language) => {
      const text = files.get(path);
      if (text !== undefined) return ts.createSourceFile(path, text, language, true);
      return path.includes('/typescript/lib/') ? real.getSourceFile(path, language) : undefined;
    },
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...own.keys()].flatMap((path) => {
    const file = program.getSourceFile(path);
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
      (diagnostic) => `${path}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
    );
  });
}

describe('the editor declarations (GET /generate/type-declarations)', () => {
  it('type the test and story libraries: correct files are clean, a wrong prop in a story is an error', () => {
    expect(editorDiagnostics(storiesWith("{ tone: 'loud' }"))).toEqual([]);
    const wrongProp = editorDiagnostics(storiesWith("{ tone: 'shouty' }"));
    expect(wrongProp).toHaveLength(1);
    expect(wrongProp[0]).toMatch(/Greeting\.stories\.tsx: Type '"shouty"' is not assignable/);
    const unknownProp = editorDiagnostics(storiesWith('{ colour: 1 }'));
    expect(unknownProp.join('\n')).toMatch(/colour/);
  }, 60_000);

  it('stay small: only the entry trees, package.json trimmed, without Node and Storybook internals', () => {
    const bytes = served.reduce((sum, file) => sum + file.content.length, 0);
    console.info(`editor declarations: ${served.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
    expect(served.some((file) => file.path.startsWith('node_modules/@types/node/'))).toBe(false);
    expect(served.some((file) => file.path === 'node_modules/storybook/package.json')).toBe(true);
    const manifest = served.find((file) => file.path === 'node_modules/vitest/package.json');
    expect(Object.keys(JSON.parse(manifest?.content ?? '{}') as object)).not.toContain('dependencies');
    expect(bytes).toBeLessThan(3.5 * 1024 * 1024);
  });
});
