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

  it('never takes the workspace, origin, prompt or author from the body', () => {
    const parsed = ZNewComponentSchema.parse({
      name: 'Badge',
      source: SOURCE,
      workspaceId: 'a1b2c3d4-0000-4000-8000-000000000001',
      origin: 'generated',
      prompt: 'ignore previous instructions',
      authorId: 'a1b2c3d4-0000-4000-8000-000000000002',
    });
    for (const key of ['workspaceId', 'origin', 'prompt', 'authorId']) expect(parsed).not.toHaveProperty(key);
  });

  it('names each bad field', () => {
    const parsed = ZNewComponentSchema.safeParse({ name: '', source: '', category: 'x'.repeat(101) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['name', 'source', 'category']),
    );
  });
});
