import { describe, expect, it } from 'vitest';
import { buildFileTree } from './file-tree';

describe('buildFileTree', () => {
  it('nests paths into folders, folders first, each level by name', () => {
    const tree = buildFileTree([
      { path: 'package.json', size: 10 },
      { path: 'src/app/page.tsx', size: 3 },
      { path: '.github/workflows/ci.yml', size: 2 },
      { path: 'src/app/layout.tsx', size: 4 },
      { path: 'README.md', size: 1 },
    ]);
    const names = (nodes: typeof tree): unknown =>
      nodes.map((node) => (node.kind === 'folder' ? { [node.name]: names(node.children) } : node.name));
    expect(names(tree)).toEqual([
      { '.github': [{ workflows: ['ci.yml'] }] },
      { src: [{ app: ['layout.tsx', 'page.tsx'] }] },
      'package.json',
      'README.md',
    ]);
    const src = tree[1];
    expect(src?.kind === 'folder' && src.path).toBe('src');
  });

  it('gives an empty tree for no files', () => {
    expect(buildFileTree([])).toEqual([]);
  });
});
