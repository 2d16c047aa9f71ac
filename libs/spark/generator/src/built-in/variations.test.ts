// Every generation offers three different variations, even when the workspace's token set is too
// small to tell the three looks apart (no shadows, no radii, no raised or sunken surfaces).
import { checkComponent, formatProblem, tokenVocabulary, type TTokenVocabulary } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { analysePrompt } from './analyse';
import { createBuiltInGenerator } from './generator';

const full = tokenVocabulary(loadDefaultTokenSet());
const flat: TTokenVocabulary = {
  ...full,
  keys: new Map(
    [...full.keys].map(([namespace, keys]) => [
      namespace,
      namespace === 'shadow' || namespace === 'radius' ? new Set<string>() : new Set([...keys].filter((key) => !/raised|sunken|strong|subtle/.test(key))),
    ]),
  ),
};
const generator = createBuiltInGenerator();

describe('three variations', () => {
  it.each(['an email input', 'a select for the country', 'a status badge', 'a toast'])(
    '"%s" with a flat token set: three different variations that pass the checks',
    async (prompt) => {
      const plan = analysePrompt(prompt);
      const result = await generator.generate({ prompt, plan }, { vocabulary: flat });
      expect(result.variations.map((variation) => variation.id)).toEqual(['a', 'b', 'c']);
      expect(new Set(result.variations.map((variation) => variation.files.source)).size).toBe(3);
      expect(new Set(result.variations.map((variation) => variation.label)).size).toBe(3);
      for (const variation of result.variations) {
        const check = checkComponent(variation.files, flat);
        expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
      }
    },
    60_000,
  );
});
