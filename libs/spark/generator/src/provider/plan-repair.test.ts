import { describe, expect, it } from 'vitest';
import { planFromModel } from './plan-repair';

const MODEL_PLAN = {
  name: 'user list',
  kind: 'List',
  summary: 'A list of users.',
  props: [{ name: 'users', type: 'User[]' }],
  states: ['loading', 'Empty', 'hover'],
  events: ['onSelect', 'select'],
  data: { source: 'async', itemCount: 250.4, fields: ['name', 'e-mail'] },
};

describe('planFromModel', () => {
  it('mends what a model typically leaves out or gets wrong, and lists each repair', () => {
    const result = planFromModel(MODEL_PLAN);
    expect(result).toEqual({
      ok: true,
      plan: {
        name: 'UserList',
        kind: 'list',
        summary: 'A list of users.',
        match: 'closest',
        props: [
          { name: 'users', type: 'User[]', optional: true, description: '' },
          { name: 'onSelect', type: '() => void', optional: true, description: 'Called on select.' },
        ],
        states: ['loading', 'empty'],
        events: ['onSelect'],
        data: { source: 'async', itemCount: 250, fields: ['name'] },
        accessibility: { role: null, labels: [], keyboard: [] },
        parts: [],
        density: 'comfortable',
      },
      repairs: [
        'named it UserList (PascalCase) instead of "user list"',
        'dropped states that are not loading, empty, error or disabled',
        'listed the event onSelect as a prop',
      ],
    });
  });

  it("refuses what it cannot mend with the schema's messages", () => {
    expect(planFromModel({ ...MODEL_PLAN, kind: 'spaceship' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^kind: The kind must be one of: button, /),
    });
    expect(planFromModel({ ...MODEL_PLAN, kind: 'composition', parts: ['spaceship'] })).toEqual({
      ok: false,
      reason: 'parts: A composition needs at least one part.',
    });
    expect(planFromModel('a list')).toEqual({ ok: false, reason: 'the answer is not a JSON object' });
  });
});
