// The preview's flat file list as a folder tree (folders first, then files, each by name).

export type TFileTreeNode =
  | { kind: 'folder'; name: string; path: string; children: TFileTreeNode[] }
  | { kind: 'file'; name: string; path: string; size: number };

export function buildFileTree(files: ReadonlyArray<{ path: string; size: number }>): TFileTreeNode[] {
  const root: TFileTreeNode[] = [];
  for (const file of files) {
    const parts = file.path.split('/');
    let level = root;
    parts.forEach((name, index) => {
      const path = parts.slice(0, index + 1).join('/');
      if (index === parts.length - 1) {
        level.push({ kind: 'file', name, path, size: file.size });
        return;
      }
      let folder = level.find(
        (node): node is Extract<TFileTreeNode, { kind: 'folder' }> =>
          node.kind === 'folder' && node.name === name,
      );
      if (!folder) {
        folder = { kind: 'folder', name, path, children: [] };
        level.push(folder);
      }
      level = folder.children;
    });
  }
  const sort = (nodes: TFileTreeNode[]): TFileTreeNode[] =>
    nodes
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1))
      .map((node) => (node.kind === 'folder' ? { ...node, children: sort(node.children) } : node));
  return sort(root);
}
