import { describe, expect, it } from 'vitest';
import { ZNewComponentSchema } from './components';

const SOURCE = 'export function Badge() {\n  return <span />;\n}\n';

describe('ZNewComponentSchema (POST /api/components)', () => {
  it('reads a hand-written component, empty optional fields as none', () => {
    expect(
      ZNewComponentSchema.parse({ name: 'Badge', source: SOURCE, category: '  ', tests: '', stories: '' }),
    ).toMatchObject({
      name: 'Badge',
      source: SOURCE,
      description: '',
      category: null,
      tests: null,
      stories: null,
    });
  });

  it('never takes the workspace, origin, author or token version from the body', () => {
    const parsed = ZNewComponentSchema.parse({
      name: 'Badge',
      source: SOURCE,
      workspaceId: 'a1b2c3d4-0000-4000-8000-000000000001',
      origin: 'generated',
      authorId: 'a1b2c3d4-0000-4000-8000-000000000002',
      tokenVersion: '9.9.9',
    });
    for (const key of ['workspaceId', 'origin', 'authorId', 'tokenVersion'])
      expect(parsed).not.toHaveProperty(key);
  });

  it('keeps a generation’s prompt, generator and plan; none by default', () => {
    expect(ZNewComponentSchema.parse({ name: 'Badge', source: SOURCE })).toMatchObject({
      prompt: null,
      generator: null,
      plan: null,
    });
    expect(
      ZNewComponentSchema.parse({
        name: 'Badge',
        source: SOURCE,
        prompt: '  a badge  ',
        generator: 'built-in',
        plan: { name: 'Badge', kind: 'badge' },
      }),
    ).toMatchObject({ prompt: 'a badge', generator: 'built-in', plan: { name: 'Badge', kind: 'badge' } });
    expect(ZNewComponentSchema.safeParse({ name: 'Badge', source: SOURCE, generator: 'gpt' }).success).toBe(
      false,
    );
    expect(
      ZNewComponentSchema.safeParse({ name: 'Badge', source: SOURCE, prompt: 'x'.repeat(4_001) }).success,
    ).toBe(false);
  });

  it('names each bad field', () => {
    const parsed = ZNewComponentSchema.safeParse({ name: '', source: '', category: 'x'.repeat(101) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['name', 'source', 'category']),
    );
  });
});
