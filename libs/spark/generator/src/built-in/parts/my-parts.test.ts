import { checkComponent, formatProblem, tokenVocabulary } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { createBuiltInGenerator } from '../generator';

const vocabulary = tokenVocabulary(loadDefaultTokenSet());
const generator = createBuiltInGenerator();

/** One prompt per kind this file's parts build, asking for states where the kind has them. */
const PROMPTS = {
  button: 'a save button with loading and disabled states',
  'icon-button': 'a close icon button',
  input: 'an email input with a disabled state',
  textarea: 'a compact comment textarea',
  select: 'a country select loaded from the api',
  checkbox: 'a terms checkbox that can be disabled',
  'radio-group': 'a size radio group',
  switch: 'a dark mode toggle',
  form: 'a signup form with name, email and password fields',
  'search-box': 'a fast search bar',
  card: 'a danger zone card',
  list: 'a list of 1000 contacts with empty and error states',
  badge: 'a status badge',
  avatar: 'a user avatar',
  stat: 'a revenue stat',
  'empty-state': 'an empty state for projects',
  tooltip: 'a share tooltip',
} as const;

describe('built-in parts', () => {
  for (const [kind, prompt] of Object.entries(PROMPTS)) {
    it(`${kind}: "${prompt}" → three variations that pass checkComponent`, async () => {
      const plan = await generator.analyse(prompt, { vocabulary });
      expect(plan.kind).toBe(kind);
      const started = performance.now();
      const result = await generator.generate({ prompt, plan }, { vocabulary });
      expect(performance.now() - started).toBeLessThan(300);
      expect(result.variations.map((variation) => variation.id)).toEqual(['a', 'b', 'c']);
      expect(new Set(result.variations.map((variation) => variation.files.source)).size).toBe(3);
      for (const variation of result.variations) {
        const { files } = variation;
        expect(files.tests.split('\n')[0]).toBe('// @vitest-environment happy-dom');
        expect(files.stories).toContain("import type { Meta, StoryObj } from '@storybook/react';");
        expect(files.stories).toMatch(/play: async/);
        expect(variation.contributions.map((contribution) => contribution.expert)).toEqual(['design', 'logic', 'performance']);
        for (const contribution of variation.contributions) expect(contribution.notes.length).toBeGreaterThan(0);
        const check = checkComponent(files, vocabulary);
        expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
      }
    }, 120_000);
  }

  it('windows a 1000-item list and loads async options in effects', async () => {
    const list = await generator.generate({ prompt: PROMPTS.list, plan: await generator.analyse(PROMPTS.list, { vocabulary }) }, { vocabulary });
    const source = list.variations[0]?.files.source ?? '';
    expect(source).toContain('memo(');
    expect(source).toContain('calc(var(--spacing-12)');
    expect(list.variations[0]?.contributions[2]?.notes.join(' ')).toMatch(/windowed/);
    const select = await generator.generate({ prompt: PROMPTS.select, plan: await generator.analyse(PROMPTS.select, { vocabulary }) }, { vocabulary });
    const selectSource = select.variations[0]?.files.source ?? '';
    expect(selectSource).toContain('loadOptions: () => Promise<CountrySelectOption[]>');
    expect(selectSource).toContain('useEffect(');
  });
});
