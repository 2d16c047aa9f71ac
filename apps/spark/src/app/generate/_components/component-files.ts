// The three files of a component and their names, as the editor, the diff and the rename use them.

export type TFileKey = 'source' | 'tests' | 'stories';
export const FILE_KEYS: readonly TFileKey[] = ['source', 'tests', 'stories'];

/** `Name.tsx`, `Name.test.tsx`, `Name.stories.tsx`. */
export function fileNameOf(name: string, key: TFileKey): string {
  return key === 'source' ? `${name}.tsx` : key === 'tests' ? `${name}.test.tsx` : `${name}.stories.tsx`;
}
