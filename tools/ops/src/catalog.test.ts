import { describe, expect, it } from 'vitest';
import { decodeCopyLine, decodeCopyValue, encodeCopyLine, encodeCopyValue, fkSafeOrder } from './catalog';

describe('COPY text encoding', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['', ''],
  ])('round-trips %j', (value, encoded) => {
    expect(encodeCopyValue(value)).toBe(encoded);
    expect(decodeCopyValue(encoded)).toBe(value);
  });

  it('writes NULL as \\N and keeps an empty string distinct', () => {
    const line = encodeCopyLine([null, '', 'x']);
    expect(line).toBe('\\N\t\tx\n');
    expect(decodeCopyLine(line.slice(0, -1))).toEqual([null, '', 'x']);
  });

  it('decodes octal and hex escapes that other COPY writers produce', () => {
    expect(decodeCopyValue('\\101\\x42')).toBe('AB');
  });
});

describe('fkSafeOrder', () => {
  it('puts referenced tables first, ignoring self-references', () => {
    const order = fkSafeOrder(
      ['memberships', 'users', 'workspaces', 'sessions', 'tree'],
      [
        ['memberships', 'users'],
        ['memberships', 'workspaces'],
        ['sessions', 'users'],
        ['tree', 'tree'],
      ],
    );
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('memberships'));
    expect(order.indexOf('workspaces')).toBeLessThan(order.indexOf('memberships'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
    expect(order).toHaveLength(5);
  });

  it('still orders every table when there is a cycle', () => {
    expect(
      fkSafeOrder(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'a'],
          ['c', 'a'],
        ],
      ).sort(),
    ).toEqual(['a', 'b', 'c']);
  });
});
