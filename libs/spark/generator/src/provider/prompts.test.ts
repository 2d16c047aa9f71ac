import { tokenVocabulary, vocabularyKeys } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { repairMessage, vocabularyForPrompt } from './prompts';

const vocabulary = tokenVocabulary(loadDefaultTokenSet(), '3.0.0');

describe('vocabularyForPrompt', () => {
  it('states every key of the live vocabulary, palette scales collapsed, and nothing that is not a key', () => {
    const text = vocabularyForPrompt(vocabulary);
    expect(text).toContain('(version 3.0.0)');
    expect(text).toContain('neutral-{50…950}');
    expect(text).not.toContain('neutral-500');
    const colourLine = text.split('\n').find((line) => line.startsWith('- color')) ?? '';
    for (const key of vocabularyKeys(vocabulary, 'color')) {
      const scale = /^(.*)-(50|100|200|300|400|500|600|700|800|900|950)$/.exec(key)?.[1];
      expect(colourLine).toContain(scale ? `${scale}-{50…950}` : key);
    }
    const radiusLine = text.split('\n').find((line) => line.startsWith('- radius')) ?? '';
    expect(radiusLine.split(': ')[1]?.split(', ').sort()).toEqual(
      [...vocabularyKeys(vocabulary, 'radius')].sort(),
    );
  });
});

describe('repairMessage', () => {
  it('lists the problems (the first 20) and asks for the three files again', () => {
    const problems = Array.from({ length: 23 }, (_, index) => `Card.tsx:${index + 1}:1 off-token`);
    const { role, content } = repairMessage('Card', problems);
    expect(role).toBe('user');
    expect(content).toContain('- Card.tsx:20:1 off-token');
    expect(content).not.toContain('Card.tsx:21:1');
    expect(content).toContain('- … and 3 more like these.');
    expect(content).toContain('```tsx Card.stories.tsx');
  });
});
