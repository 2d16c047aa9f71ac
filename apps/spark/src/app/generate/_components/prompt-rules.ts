// The prompt's limits as the page shows them while typing. The API (POST /api/generations/plan)
// applies the same ones and is the authority: its 400 message is what the form shows on submit.
import type { TGeneratedFiles } from '@lumenforge/spark-generator';
import { FILE_KEYS, fileNameOf } from './component-files';

export const MAX_PROMPT_LENGTH = 4_000;

/** What is wrong with a prompt before it is sent, or null. */
export function promptProblem(prompt: string): string | null {
  if (prompt.trim() === '') return 'Describe the component you want.';
  if (prompt.length > MAX_PROMPT_LENGTH)
    return `The prompt is ${(prompt.length - MAX_PROMPT_LENGTH).toLocaleString('en-GB')} characters too long (at most ${MAX_PROMPT_LENGTH.toLocaleString('en-GB')}).`;
  if (!/[\p{L}\p{N}]/u.test(prompt))
    return 'Describe the component in words: the prompt has no letters or digits.';
  return null;
}

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;

/** Whether `name` can be a component's export and file name. */
export function isComponentName(name: string): boolean {
  return PASCAL_CASE.test(name) && name.length <= 100;
}

/**
 * Why the component cannot be renamed to `name` as it is, or null: the files already use that name
 * for something else (an import such as `Meta`, a story, a helper), and renaming would declare it
 * twice, which the save check refuses (422) with a message about a duplicate identifier.
 */
export function renameProblem(files: TGeneratedFiles, name: string): string | null {
  if (name === files.name) return null;
  // Declared (`const Meta`, `type Story`, `function Name`) or imported (`import { Meta } from …`).
  const declared = new RegExp(
    `\\b(?:const|let|var|function|class|type|interface|enum)\\s+${name}\\b|\\bimport\\b[^;]*?\\b${name}\\b[^;]*?\\bfrom\\b`,
  );
  const key = FILE_KEYS.find((candidate) => declared.test(files[candidate]));
  return key
    ? `${fileNameOf(files.name, key)} already has something called ${name}: choose another name.`
    : null;
}

/**
 * The component's three files with its name changed everywhere: the export and its imports, the
 * `./Name` paths, describe and story titles, and the names made from it (`NameProps`). Keeps words
 * that merely start with it (`Cardigan` for `Card`).
 */
export function renameComponent(files: TGeneratedFiles, name: string): TGeneratedFiles {
  if (name === files.name) return files;
  // The name as a word, or followed by an upper-case letter or digit: `Card`, `CardProps`, `Card2`.
  const word = new RegExp(`\\b${files.name}(?=[A-Z0-9_]|\\b)`, 'g');
  return {
    name,
    source: files.source.replace(word, name),
    tests: files.tests.replace(word, name),
    stories: files.stories.replace(word, name),
  };
}
