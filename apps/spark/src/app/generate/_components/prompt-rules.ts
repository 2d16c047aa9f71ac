// The prompt's limits as the page shows them while typing. The API (POST /api/generations/plan)
// applies the same ones and is the authority: its 400 message is what the form shows on submit.
import type { TGeneratedFiles } from '@lumenforge/spark-generator';

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

/** The component's three files with its name changed everywhere it stands as a word (export, imports, titles). */
export function renameComponent(files: TGeneratedFiles, name: string): TGeneratedFiles {
  if (name === files.name) return files;
  const word = new RegExp(`\\b${files.name}\\b`, 'g');
  return {
    name,
    source: files.source.replace(word, name),
    tests: files.tests.replace(word, name),
    stories: files.stories.replace(word, name),
  };
}
