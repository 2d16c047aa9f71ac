import { describe, expect, it } from 'vitest';
import { changedPreviewFiles, PREVIEW_ENTRY, previewFrameUrl, previewSourceFor } from './preview-files';

const FILES = {
  name: 'PriceTag',
  source:
    'export function PriceTag({ amount }: { amount: string }) {\n  return <span className="text-fg">{amount}</span>;\n}\n',
  tests: "// @vitest-environment happy-dom\nimport { it } from 'vitest';\nit('renders', () => {});\n",
  stories:
    "import type { Meta, StoryObj } from '@storybook/react';\nimport { expect, fn, userEvent, within } from 'storybook/test';\nimport { PriceTag } from './PriceTag';\n\nconst meta = { component: PriceTag, args: { onClick: fn() } } satisfies Meta<typeof PriceTag>;\nexport default meta;\nexport const Default: StoryObj<typeof meta> = { args: { amount: '9 €' } };\n",
};
const VARIATIONS = [
  { id: 'a', files: FILES },
  { id: 'b', files: { ...FILES, source: FILES.source.replace('text-fg', 'text-fg-muted') } },
];

describe('previewSourceFor', () => {
  it('puts each variation in its own folder, stories pointed at the preview stand-in of storybook/test, and one entry for all', () => {
    const { files, entry } = previewSourceFor(VARIATIONS);
    expect(entry).toBe(PREVIEW_ENTRY);
    expect(Object.keys(files).sort()).toEqual([
      'src/StoriesPreview.tsx',
      'src/storybook-test.ts',
      'src/variations/a/PriceTag.stories.tsx',
      'src/variations/a/PriceTag.tsx',
      'src/variations/b/PriceTag.stories.tsx',
      'src/variations/b/PriceTag.tsx',
    ]);
    expect(files['src/variations/a/PriceTag.tsx']).toBe(FILES.source);
    expect(files['src/variations/b/PriceTag.tsx']).toContain('text-fg-muted');
    const stories = files['src/variations/a/PriceTag.stories.tsx'] ?? '';
    expect(stories).toContain("from '../../storybook-test'");
    expect(stories).not.toContain("'storybook/test'");
    // Type-only imports are erased by the preview's compiler and stay as they are.
    expect(stories).toContain("from '@storybook/react'");
    const entrySource = files[PREVIEW_ENTRY] ?? '';
    expect(entrySource).toContain("import * as stories0 from './variations/a/PriceTag.stories';");
    expect(entrySource).toContain("import * as stories1 from './variations/b/PriceTag.stories';");
    expect(entrySource).toContain('"b": stories1,');
    expect(entrySource).toContain('export default function StoriesPreview');
    // The tests are not part of a preview.
    expect(Object.values(files).some((content) => content === FILES.tests)).toBe(false);
  });

  it('gives the stand-in a recording fn, as stories pass it as event handlers', () => {
    const shim = previewSourceFor(VARIATIONS).files['src/storybook-test.ts'] ?? '';
    expect(shim).toMatch(/export function fn/);
    expect(shim).toMatch(/export const (expect|within|userEvent)/);
  });
});

describe('changedPreviewFiles', () => {
  it('lists only the files that are new or whose content changed', () => {
    const before = previewSourceFor(VARIATIONS);
    const edited = previewSourceFor([
      { id: 'a', files: FILES },
      {
        id: 'b',
        files: { ...FILES, source: 'export function PriceTag() { return null; }\n' },
      },
    ]);
    expect(Object.keys(changedPreviewFiles(before, edited))).toEqual(['src/variations/b/PriceTag.tsx']);
    expect(changedPreviewFiles(before, previewSourceFor(VARIATIONS))).toEqual({});
  });
});

describe('previewFrameUrl', () => {
  it('names the variation and theme in the fragment, so switching either never reloads the page', () => {
    expect(previewFrameUrl('http://127.0.0.1:24678/p/abc/', 'b', 'dark')).toBe(
      'http://127.0.0.1:24678/p/abc/#variation=b&theme=dark',
    );
  });
});
