import { checkComponent, formatProblem, tokenVocabulary } from '@lumenforge/spark-checks';
import { createBuiltInGenerator } from '@lumenforge/spark-generator';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_LENGTH, promptProblem, renameComponent, renameProblem } from './prompt-rules';

describe('promptProblem', () => {
  it('accepts a prompt in words, up to the limit', () => {
    expect(promptProblem('A pricing table with three plans')).toBeNull();
    expect(promptProblem('x'.repeat(MAX_PROMPT_LENGTH))).toBeNull();
    expect(promptProblem('表格')).toBeNull();
  });

  it('names what is wrong: empty, too long (by how much), no letters or digits', () => {
    expect(promptProblem('   \n')).toBe('Describe the component you want.');
    expect(promptProblem('x'.repeat(10_000))).toBe(
      'The prompt is 6,000 characters too long (at most 4,000).',
    );
    expect(promptProblem('🎉🔥 ✨')).toMatch(/no letters or digits/);
  });
});

describe('renameComponent', () => {
  it('renames the component where its name stands as a word, in all three files', () => {
    const files = {
      name: 'Card',
      source: 'export type CardProps = {};\nexport function Card() { return <div className="Cardigan" />; }',
      tests: "import { Card } from './Card';",
      stories: "import { Card } from './Card';\nconst meta = { title: 'Card', component: Card };",
    };
    expect(renameComponent(files, 'ProfileCard')).toEqual({
      name: 'ProfileCard',
      source:
        'export type ProfileCardProps = {};\nexport function ProfileCard() { return <div className="Cardigan" />; }',
      tests: "import { ProfileCard } from './ProfileCard';",
      stories:
        "import { ProfileCard } from './ProfileCard';\nconst meta = { title: 'ProfileCard', component: ProfileCard };",
    });
    expect(renameComponent(files, 'Card')).toBe(files);
  });
});

describe('saving under another name', () => {
  const vocabulary = tokenVocabulary(loadDefaultTokenSet());

  it('renames a generated component so that the save check (the 422 of POST /api/components) passes', async () => {
    const generator = createBuiltInGenerator();
    const prompt = 'A primary button labelled Save changes that can show a loading state';
    const plan = await generator.analyse(prompt, { vocabulary });
    const { variations } = await generator.generate({ prompt, plan, variations: 1 }, { vocabulary });
    const files = variations[0]?.files;
    if (!files) throw new Error('no variation');
    const renamed = renameComponent(files, 'CheckoutAction');
    expect(renameProblem(files, 'CheckoutAction')).toBeNull();
    const check = checkComponent(renamed, vocabulary);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
    for (const text of [renamed.source, renamed.tests, renamed.stories])
      expect(text).not.toMatch(new RegExp(`\\b${files.name}(?![a-z])`));
    expect(renamed.tests).toContain("from './CheckoutAction'");
    expect(renamed.stories).toContain("from './CheckoutAction'");

    // A name the files already use (Storybook's Meta) would be declared twice: refused up front.
    expect(renameProblem(files, 'Meta')).toBe(
      `${files.name}.stories.tsx already has something called Meta: choose another name.`,
    );
    expect(checkComponent(renameComponent(files, 'Meta'), vocabulary).ok).toBe(false);
  }, 60_000);

  it('does not mistake words in text for names the files use', () => {
    const files = {
      name: 'SaveButton',
      source: 'export function SaveButton() { return <button>Save changes</button>; }',
      tests: "import { SaveButton } from './SaveButton';",
      stories: "import type { Meta, StoryObj } from '@storybook/react';\ntype Story = StoryObj;",
    };
    expect(renameProblem(files, 'Save')).toBeNull();
    expect(renameProblem(files, 'Story')).toMatch(
      /SaveButton\.stories\.tsx already has something called Story/,
    );
    expect(renameProblem(files, 'StoryObj')).toMatch(/called StoryObj/);
    expect(renameProblem(files, 'SaveButton')).toBeNull();
  });
});
