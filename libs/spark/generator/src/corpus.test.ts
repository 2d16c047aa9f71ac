// Every corpus prompt through the built-in generator: the analysis lands on the expected kind and
// each of the three variations passes checkComponent (parse, types of component, tests and stories,
// export, tokens only). The tricky prompts (typos, negations, compound nouns, details after "with")
// analyse to their kind. Generation time per prompt is recorded for reading, not asserted: timing
// belongs in bench:spark. Whether the generated tests pass and the stories render is spark-verify's
// corpus integration test.
import { checkComponent, formatProblem, tokenVocabulary, warmUpTypeCheck } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltInGenerator } from './built-in/generator';
import { SPARK_CORPUS, SPARK_TRICKY_PROMPTS } from './corpus';
import { COMPONENT_KINDS } from './types';

const vocabulary = tokenVocabulary(loadDefaultTokenSet());

const generator = createBuiltInGenerator();
const generationMs: number[] = [];

// The first type-check loads the compiler (tens of seconds on a busy machine): not a prompt's time.
beforeAll(() => warmUpTypeCheck(), 120_000);

describe('SPARK_CORPUS', () => {
  it('has at least 60 prompts covering every kind, each prompt once', () => {
    expect(SPARK_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(COMPONENT_KINDS.filter((kind) => !SPARK_CORPUS.some((entry) => entry.kind === kind))).toEqual([]);
    expect(new Set(SPARK_CORPUS.map((entry) => entry.prompt.toLowerCase())).size).toBe(SPARK_CORPUS.length);
    expect(SPARK_CORPUS.filter((entry) => entry.kind === 'composition').length).toBeGreaterThanOrEqual(5);
  });

  it.each(SPARK_TRICKY_PROMPTS.map((entry) => [entry.kind, entry.prompt] as const))('%s ← tricky "%s"', async (kind, prompt) => {
    const plan = await generator.analyse(prompt, { vocabulary });
    expect(plan.kind).toBe(kind);
    if (kind === 'composition') expect(plan.parts.length).toBeGreaterThanOrEqual(2);
  });

  it.each(SPARK_CORPUS.map((entry) => [entry.kind, entry.prompt] as const))(
    '%s ← "%s": analysed to its kind, three variations pass the checks',
    async (kind, prompt) => {
      const plan = await generator.analyse(prompt, { vocabulary });
      expect(plan.kind).toBe(kind);

      const started = performance.now();
      const result = await generator.generate({ prompt, plan }, { vocabulary });
      generationMs.push(performance.now() - started);

      expect(result.variations).toHaveLength(3);
      expect(new Set(result.variations.map((variation) => variation.files.source)).size).toBe(3);
      for (const variation of result.variations) {
        expect(variation.files.name).toBe(plan.name);
        const check = checkComponent(variation.files, vocabulary);
        expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
      }
    },
    30_000,
  );

  afterAll(() => {
    if (generationMs.length === 0) return;
    const sorted = [...generationMs].sort((a, b) => a - b);
    const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]?.toFixed(1);
    console.info(`built-in generation over ${sorted.length} prompts: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
  });
});
