import { describe, expect, it } from 'vitest';
import { firstJsonObject, parseModelJson } from './json-repair';

describe('parseModelJson', () => {
  it('takes plain JSON as it is', () => {
    expect(parseModelJson('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] }, repairs: [] });
  });

  it('strips a code fence and prose, trailing commas and comments — braces inside strings stay', () => {
    const answer =
      'Here you go:\n```json\n{\n  "name": "A {weird} \\"name\\"", // the name\n  "list": [1, 2,],\n}\n```\nAnything else?';
    expect(parseModelJson(answer)).toEqual({
      ok: true,
      value: { name: 'A {weird} "name"', list: [1, 2] },
      repairs: ['removed the code fence', 'removed comments and trailing commas'],
    });
  });

  it('takes the first object out of prose without a fence', () => {
    expect(parseModelJson('The plan is {"kind": "card"} and {"kind": "list"}.')).toMatchObject({
      ok: true,
      value: { kind: 'card' },
      repairs: ['took the first JSON object from the text'],
    });
  });

  it('says why when nothing parses', () => {
    expect(parseModelJson('no json here')).toEqual({
      ok: false,
      reason: 'the answer contains no JSON object',
    });
    expect(parseModelJson('{"a": tru')).toEqual({ ok: false, reason: 'the answer contains no JSON object' });
    expect(parseModelJson('{"a": nope}')).toEqual({ ok: false, reason: 'its JSON object does not parse' });
    expect(parseModelJson('[1, 2]')).toEqual({ ok: false, reason: 'the answer contains no JSON object' });
  });

  it('finds balanced objects only', () => {
    expect(firstJsonObject('x {"a": {"b": "}"}} y')).toBe('{"a": {"b": "}"}}');
    expect(firstJsonObject('{"a": 1')).toBeNull();
  });
});
