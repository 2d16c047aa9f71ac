import { describe, expect, it } from 'vitest';
import { codeBlocks, filesFromAnswer, repairFiles } from './file-blocks';

// Built up so Vitest does not read it as this file's environment.
const HAPPY_DOM_LINE = `// @vitest-${'environment'} happy-dom`;

describe('codeBlocks / filesFromAnswer', () => {
  it('finds file names in the info string, a first comment line, or the line before the fence', () => {
    const answer = [
      '```tsx title="src/Card.tsx"',
      'export function Card() { return null; }',
      '```',
      '### `Card.test.tsx`',
      '',
      '```typescript',
      "import { it } from 'vitest';",
      '```',
      '~~~tsx',
      '// file: Card.stories.tsx',
      'export default {};',
      '~~~',
    ].join('\n');
    expect(codeBlocks(answer).map((block) => block.fileName)).toEqual([
      'Card.tsx',
      'Card.test.tsx',
      'Card.stories.tsx',
    ]);
    expect(filesFromAnswer(answer)).toEqual({
      files: {
        source: 'export function Card() { return null; }\n',
        tests: "import { it } from 'vitest';\n",
        stories: 'export default {};\n',
      },
      missing: [],
      truncated: false,
    });
  });

  it('tells unnamed blocks apart by what they import, and skips diffs and shell blocks', () => {
    const answer = [
      '```bash\nnpm test\n```',
      "```tsx\nimport type { Meta } from '@storybook/react';\n```",
      "```tsx\nimport { render } from '@testing-library/react';\n```",
      '```diff\n--- a/Card.tsx\n+++ b/Card.tsx\n```',
      '```tsx\nexport function Card() {}\n```',
    ].join('\n');
    const { files, missing } = filesFromAnswer(answer);
    expect(files.stories).toContain('@storybook/react');
    expect(files.tests).toContain('@testing-library/react');
    expect(files.source).toBe('export function Card() {}\n');
    expect(missing).toEqual([]);
  });

  it('reports missing files and a block cut off before its closing fence', () => {
    expect(filesFromAnswer('```tsx Card.tsx\nexport function Card() {\n  return (')).toMatchObject({
      missing: ['tests', 'stories'],
      truncated: true,
    });
  });
});

describe('repairFiles', () => {
  it('renames another component name in all three files, turns a default export into a named one and adds the happy-dom line', () => {
    const { files, repairs } = repairFiles('PriceTag', {
      source:
        'type TagProps = { price: number };\nexport default function Tag({ price }: TagProps) {\n  return <span>{price}</span>;\n}\n',
      tests: "import Tag from './Tag';\nit('renders', () => { render(<Tag price={1} />); });\n",
      stories: "import Tag from './Tag';\nexport default { component: Tag };\n",
    });
    expect(files.source).toContain('export function PriceTag({ price }: TagProps)');
    expect(files.tests).toBe(
      `${HAPPY_DOM_LINE}\nimport { PriceTag } from './PriceTag';\nit('renders', () => { render(<PriceTag price={1} />); });\n`,
    );
    expect(files.stories).toBe(
      "import { PriceTag } from './PriceTag';\nexport default { component: PriceTag };\n",
    );
    expect(repairs).toEqual([
      'renamed the component Tag to PriceTag',
      'exported PriceTag by name',
      'added the happy-dom environment line to the tests',
    ]);
  });

  it('exports a declared but unexported component and fixes the import path of the companions', () => {
    const { files, repairs } = repairFiles('Card', {
      source: 'const Card = () => <div />;\n',
      tests: `${HAPPY_DOM_LINE}\nimport { Card } from './components/Card.tsx';\n`,
      stories: "import { Card } from './Card';\n",
    });
    expect(files.source).toBe('export const Card = () => <div />;\n');
    expect(files.tests).toContain("import { Card } from './Card';");
    expect(repairs).toEqual(['exported Card by name', 'imported Card from ./Card']);
  });

  it('leaves correct files alone', () => {
    const correct = {
      source: 'export function Card() { return null; }\n',
      tests: `${HAPPY_DOM_LINE}\nimport { Card } from './Card';\n`,
      stories: "import { Card } from './Card';\n",
    };
    expect(repairFiles('Card', correct)).toEqual({ files: { name: 'Card', ...correct }, repairs: [] });
  });
});
