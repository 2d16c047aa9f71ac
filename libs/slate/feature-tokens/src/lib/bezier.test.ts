import { describe, expect, it } from 'vitest';
import { bezierCss, bezierPath, bezierPoint, bezierProblem, bezierProgress, fromSvg, toSvg } from './bezier';

describe('cubic-bezier maths', () => {
  it('starts at (0,0) and ends at (1,1)', () => {
    expect(bezierPoint([0.2, 0, 0, 1], 0)).toEqual({ x: 0, y: 0 });
    expect(bezierPoint([0.2, 0, 0, 1], 1)).toEqual({ x: 1, y: 1 });
  });

  it('linear handles give a straight line: progress equals time', () => {
    for (const x of [0.1, 0.25, 0.5, 0.9]) expect(bezierProgress([0, 0, 1, 1], x)).toBeCloseTo(x, 4);
  });

  it('ease-out curves are ahead of linear at the midpoint, ease-in behind', () => {
    expect(bezierProgress([0, 0, 0.2, 1], 0.5)).toBeGreaterThan(0.5);
    expect(bezierProgress([0.4, 0, 1, 1], 0.5)).toBeLessThan(0.5);
    expect(bezierProgress([0.4, 0, 1, 1], -1)).toBe(0);
    expect(bezierProgress([0.4, 0, 1, 1], 2)).toBe(1);
  });

  it('draws the SVG path with y pointing down inside the padding', () => {
    const frame = { size: 100, pad: 10 };
    expect(bezierPath([0.25, 0.1, 0.25, 1], frame)).toBe('M 10 110 C 35 100, 35 10, 110 10');
    expect(toSvg({ x: 0.5, y: 1.2 }, frame)).toEqual({ x: 60, y: -10 });
  });

  it('maps a dragged handle back to values, x clamped to 0…1 and rounded', () => {
    const frame = { size: 100, pad: 10 };
    expect(fromSvg({ x: 60, y: 60 }, frame)).toEqual({ x: 0.5, y: 0.5 });
    expect(fromSvg({ x: -50, y: -30 }, frame)).toEqual({ x: 0, y: 1.4 });
    expect(fromSvg(toSvg({ x: 0.33, y: 0.77 }, frame), frame)).toEqual({ x: 0.33, y: 0.77 });
  });

  it('says what is wrong with four numbers', () => {
    expect(bezierProblem([0.2, 0, 0, 1])).toBeNull();
    expect(bezierProblem([0.2, -0.5, 0.8, 1.5])).toBeNull();
    expect(bezierProblem([1.2, 0, 0, 1])).toMatch(/x1 and x2/);
    expect(bezierProblem([0.2, Number.NaN, 0, 1])).toMatch(/four numbers/);
    expect(bezierCss([0.2, 0, 0, 1])).toBe('cubic-bezier(0.2, 0, 0, 1)');
  });
});
