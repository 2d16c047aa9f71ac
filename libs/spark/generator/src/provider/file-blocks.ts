// The three files a model writes as fenced code blocks, found however it names them (in the info
// string, on a comment line inside, or in a heading before the block), then the mechanical
// repairs that keep its meaning: missing `export`, default instead of named export, another
// component name, the test file's happy-dom line. What these cannot fix goes back to the model.
import type { TGeneratedFiles } from '../types';

export type TCodeBlock = { language: string; fileName: string | null; content: string; closed: boolean };

const FILE_NAME = /([A-Za-z0-9_\-./]+\.(?:tsx|ts|jsx|js|diff|patch))\b/;
const CODE_LANGUAGES = new Set([
  '',
  'tsx',
  'ts',
  'typescript',
  'jsx',
  'js',
  'javascript',
  'typescriptreact',
  'react',
]);

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Every fenced block (``` or ~~~) in order, with the file name it was given, if any. */
export function codeBlocks(text: string): TCodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: TCodeBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^\s*(`{3,}|~{3,})\s*(.*)$/.exec(lines[index] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const info = (open[2] as string).trim();
    const body: string[] = [];
    let closed = false;
    let end = index + 1;
    for (; end < lines.length; end += 1) {
      const line = lines[end] as string;
      if (
        line.trim().startsWith(fence[0] === '`' ? '```' : '~~~') &&
        line.trim().replace(/[`~]/g, '') === ''
      ) {
        closed = true;
        break;
      }
      body.push(line);
    }
    const language = (/^([A-Za-z]+)(?![./\w])/.exec(info)?.[1] ?? '').toLowerCase();
    let fileName = FILE_NAME.exec(info)?.[1] ?? null;
    // `// Button.tsx` or `// file: Button.tsx` as the block's first line names it; that line is not code.
    const firstLine = /^\s*\/\/\s*(?:file(?:name)?:\s*)?([A-Za-z0-9_\-./]+\.(?:tsx|ts|jsx|js))\s*$/i.exec(
      body[0] ?? '',
    );
    if (!fileName && firstLine) {
      fileName = firstLine[1] as string;
      body.shift();
    }
    // A heading or bold line just before the fence (`**Button.test.tsx**`, `### Button.tsx`).
    if (!fileName) {
      for (let back = index - 1; back >= 0 && back >= index - 3; back -= 1) {
        const line = (lines[back] as string).trim();
        if (line === '') continue;
        fileName = FILE_NAME.exec(line)?.[1] ?? null;
        break;
      }
    }
    blocks.push({
      language,
      fileName: fileName ? baseName(fileName) : null,
      content: body.join('\n').replace(/\s+$/, '') + '\n',
      closed,
    });
    index = end;
  }
  return blocks;
}

export type TFileRole = 'source' | 'tests' | 'stories';

/** Which of the three files a file name is (`X.stories.tsx`, `X.test.tsx`, `X.tsx`), or null. */
export function roleOfFileName(name: string): TFileRole | null {
  if (/\.stories\.[jt]sx?$/.test(name)) return 'stories';
  if (/\.(test|spec)\.[jt]sx?$/.test(name)) return 'tests';
  if (/\.[jt]sx?$/.test(name)) return 'source';
  return null;
}

/** A block holding a unified diff (an edit answer), not a file. */
export function isDiffBlock(block: TCodeBlock): boolean {
  return block.language === 'diff' || block.language === 'patch' || /^--- .*\n\+\+\+ /m.test(block.content);
}

function roleOf(block: TCodeBlock): TFileRole | null {
  if (isDiffBlock(block)) return null;
  if (block.fileName) return roleOfFileName(block.fileName);
  if (!CODE_LANGUAGES.has(block.language)) return null;
  if (/@storybook\/|from 'storybook\/test'|\bMeta</.test(block.content)) return 'stories';
  if (/from ['"]vitest['"]|@testing-library\//.test(block.content)) return 'tests';
  return 'source';
}

export type TParsedFiles = {
  files: Partial<Record<TFileRole, string>>;
  /** Roles the answer had no block for. */
  missing: TFileRole[];
  /** Blocks cut off before their closing fence (the model ran out of output). */
  truncated: boolean;
};

/** The component, test and story files of an answer (the first block for each role). */
export function filesFromAnswer(text: string): TParsedFiles {
  const files: Partial<Record<TFileRole, string>> = {};
  let truncated = false;
  for (const block of codeBlocks(text)) {
    const role = roleOf(block);
    if (!role || files[role] !== undefined) continue;
    files[role] = block.content;
    if (!block.closed) truncated = true;
  }
  const missing = (['source', 'tests', 'stories'] as const).filter((role) => files[role] === undefined);
  return { files, missing, truncated };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The PascalCase component the source defines: its default export, else its first exported, else first declared. */
function definedComponentName(source: string): string | null {
  const patterns = [
    /export\s+default\s+(?:async\s+)?function\s+([A-Z][A-Za-z0-9]*)/,
    /export\s+default\s+([A-Z][A-Za-z0-9]*)\s*;/,
    /export\s+(?:async\s+)?function\s+([A-Z][A-Za-z0-9]*)\s*[(<]/,
    /export\s+const\s+([A-Z][A-Za-z0-9]*)\s*(?::[^=]+)?=/,
    /^(?:async\s+)?function\s+([A-Z][A-Za-z0-9]*)\s*[(<]/m,
    /^const\s+([A-Z][A-Za-z0-9]*)\s*(?::[^=]+)?=\s*(?:\(|memo|forwardRef|React\.)/m,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(source)?.[1];
    if (match && !/Props$/.test(match)) return match;
  }
  return null;
}

/**
 * Mechanical repairs towards what the checks require, each listed in `repairs`: the component
 * renamed to `name` in all three files when the model called it something else, a default or
 * missing export made a named one (and imports of it adjusted), the test file's first line
 * `// @vitest-environment happy-dom` added when missing.
 */
export function repairFiles(
  name: string,
  files: { source: string; tests: string; stories: string },
): { files: TGeneratedFiles; repairs: string[] } {
  let { source, tests, stories } = files;
  const repairs: string[] = [];
  const named = new RegExp(
    `export\\s+(?:async\\s+)?(?:function|const|class)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`,
  );

  const defined = definedComponentName(source);
  if (defined && defined !== name && !new RegExp(`\\b${name}\\b`).test(source)) {
    const word = new RegExp(`\\b${escapeRegExp(defined)}\\b`, 'g');
    source = source.replace(word, name);
    tests = tests.replace(word, name);
    stories = stories.replace(word, name);
    repairs.push(`renamed the component ${defined} to ${name}`);
  }

  if (!named.test(source)) {
    const defaultFunction = new RegExp(`export\\s+default\\s+((?:async\\s+)?function\\s+${name}\\b)`);
    const defaultName = new RegExp(`^\\s*export\\s+default\\s+${name}\\s*;?\\s*$`, 'm');
    const bare = new RegExp(`^((?:async\\s+)?function\\s+${name}\\b|const\\s+${name}\\b)`, 'm');
    if (defaultFunction.test(source)) source = source.replace(defaultFunction, 'export $1');
    else if (defaultName.test(source) && bare.test(source))
      source = source.replace(defaultName, '').replace(bare, 'export $1');
    else if (bare.test(source)) source = source.replace(bare, 'export $1');
    if (named.test(source)) {
      repairs.push(`exported ${name} by name`);
      const defaultImport = new RegExp(`import\\s+${name}\\s+from\\s+(['"])([^'"]+)\\1`, 'g');
      tests = tests.replace(defaultImport, `import { ${name} } from $1$2$1`);
      stories = stories.replace(defaultImport, `import { ${name} } from $1$2$1`);
    }
  }

  // Imports of the component from another path (`./components/Button`, `./Button.tsx`) → `./Name`.
  const importPath = new RegExp(
    `(import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*)(['"])(?!\\./${name}\\2)[^'"]*${name}(?:\\.tsx?)?\\2`,
    'g',
  );
  const fixImport = (text: string) => text.replace(importPath, `$1$2./${name}$2`);
  if (fixImport(tests) !== tests || fixImport(stories) !== stories) {
    tests = fixImport(tests);
    stories = fixImport(stories);
    repairs.push(`imported ${name} from ./${name}`);
  }

  if (!/^\s*\/\/\s*@vitest-environment\s+happy-dom/.test(tests)) {
    tests = `// @vitest-environment happy-dom\n${tests}`;
    repairs.push('added the happy-dom environment line to the tests');
  }
  return { files: { name, source, tests, stories }, repairs };
}
