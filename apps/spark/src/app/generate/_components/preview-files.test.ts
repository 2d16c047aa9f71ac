import { describe, expect, it } from 'vitest';
import { changedPreviewFiles, PREVIEW_ENTRY, previewFilesFor } from './preview-files';

const FILES = {
  name: 'PriceTag',
  source:
    'export function PriceTag({ amount }: { amount: string }) {\n  return <span className="text-fg">{amount}</span>;\n}\n',
  tests: "// @vitest-environment happy-dom\nimport { it } from 'vitest';\nit('renders', () => {});\n",
  stories:
    "import type { Meta, StoryObj } from '@storybook/react';\nimport { expect, fn, userEvent, within } from 'storybook/test';\nimport { PriceTag } from './PriceTag';\n\nconst meta = { component: PriceTag, args: { onClick: fn() } } satisfies Meta<typeof PriceTag>;\nexport default meta;\nexport const Default: StoryObj<typeof meta> = { args: { amount: '9 €' } };\n",
};

describe('previewFilesFor', () => {
  it('sends the component, its stories pointed at the preview stand-in of storybook/test, and an entry rendering every story', () => {
    const { files, entry } = previewFilesFor(FILES);
    expect(entry).toBe(PREVIEW_ENTRY);
    expect(Object.keys(files).sort()).toEqual([
      'src/StoriesPreview.tsx',
      'src/components/PriceTag.stories.tsx',
      'src/components/PriceTag.tsx',
      'src/storybook-test.ts',
    ]);
    expect(files['src/components/PriceTag.tsx']).toBe(FILES.source);
    expect(files['src/components/PriceTag.stories.tsx']).toContain("from '../storybook-test'");
    expect(files['src/components/PriceTag.stories.tsx']).not.toContain("'storybook/test'");
    // Type-only imports are erased by the preview's compiler and stay as they are.
    expect(files['src/components/PriceTag.stories.tsx']).toContain("from '@storybook/react'");
    expect(files[PREVIEW_ENTRY]).toContain("import * as stories from './components/PriceTag.stories'");
    expect(files[PREVIEW_ENTRY]).toContain('export default function StoriesPreview');
    // The tests are not part of a preview.
    expect(Object.values(files).some((content) => content === FILES.tests)).toBe(false);
  });

  it('gives the stand-in a recording fn, as stories pass it as event handlers', async () => {
    const shim = previewFilesFor(FILES).files['src/storybook-test.ts'] ?? '';
    expect(shim).toMatch(/export function fn/);
    expect(shim).toMatch(/export const (expect|within|userEvent)/);
  });
});

describe('changedPreviewFiles', () => {
  it('lists only the files whose content changed', () => {
    const edited = { ...FILES, source: FILES.source.replace('text-fg', 'text-fg-muted') };
    expect(Object.keys(changedPreviewFiles(FILES, edited))).toEqual(['src/components/PriceTag.tsx']);
    expect(changedPreviewFiles(FILES, { ...FILES })).toEqual({});
  });
});
