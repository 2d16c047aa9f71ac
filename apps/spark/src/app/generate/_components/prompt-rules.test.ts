import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_LENGTH, promptProblem, renameComponent } from './prompt-rules';

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
        'export type CardProps = {};\nexport function ProfileCard() { return <div className="Cardigan" />; }',
      tests: "import { ProfileCard } from './ProfileCard';",
      stories:
        "import { ProfileCard } from './ProfileCard';\nconst meta = { title: 'ProfileCard', component: ProfileCard };",
    });
    expect(renameComponent(files, 'Card')).toBe(files);
  });
});
