import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { applyDraftOperations } from './draft-operations';

const number = (value: number) => ({ $type: 'number', $value: value });

describe('applyDraftOperations', () => {
  it('sets a token in the base or a theme, creating groups, without touching the input', () => {
    const set = loadDefaultTokenSet();
    const { set: next, issues } = applyDraftOperations(set, [
      { op: 'set', path: 'z-index.modal', token: number(50) },
      { op: 'set', path: 'color.bg', theme: 'dark', token: { $value: '{color.black}' } },
    ]);
    expect(issues).toEqual([]);
    expect(next.base['z-index']).toEqual({ modal: number(50) });
    expect((next.themes.dark['color'] as Record<string, unknown>)['bg']).toEqual({ $value: '{color.black}' });
    expect(set.base['z-index']).toBeUndefined();
  });

  it('renames and removes tokens, and reports operations that cannot apply', () => {
    const set = loadDefaultTokenSet();
    const { set: next, issues } = applyDraftOperations(set, [
      { op: 'rename', path: 'radius.xl', to: 'radius.x-large' },
      { op: 'remove', path: 'radius.sm' },
      { op: 'remove', path: 'radius.nope' },
      { op: 'rename', path: 'radius.md', to: 'radius.lg' },
      { op: 'set', path: 'color', token: number(1) },
      { op: 'set', path: 'color..bg', token: number(1) },
    ]);
    const radius = next.base['radius'] as Record<string, unknown>;
    expect(radius['x-large']).toEqual((set.base['radius'] as Record<string, unknown>)['xl']);
    expect(radius['xl']).toBeUndefined();
    expect(radius['sm']).toBeUndefined();
    expect(radius['md']).toBeDefined();
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['radius.nope', 'No token at radius.nope'],
      ['radius.md', 'radius.lg already exists'],
      ['color', 'color is a group or lies inside a token'],
      ['color..bg', '"color..bg" is not a token path'],
    ]);
  });
});
