// Cubic-bezier easing curves (CSS `cubic-bezier(x1, y1, x2, y2)`, DTCG `cubicBezier`): points, the SVG
// path of the curve preview, and mapping a dragged handle back to values.

export type TBezier = [x1: number, y1: number, x2: number, y2: number];
export type TPoint = { x: number; y: number };

/** The preview box: a `size`×`size` square for 0…1, with `pad` around it for handles outside it. */
export type TBezierFrame = { size: number; pad: number };

export const DEFAULT_FRAME: TBezierFrame = { size: 160, pad: 40 };

/** The point at parameter `t` (0…1) of the curve from (0,0) to (1,1). */
export function bezierPoint([x1, y1, x2, y2]: TBezier, t: number): TPoint {
  const u = 1 - t;
  const a = 3 * u * u * t;
  const b = 3 * u * t * t;
  const c = t * t * t;
  return { x: a * x1 + b * x2 + c, y: a * y1 + b * y2 + c };
}

/** The eased progress (y) at time `x` (0…1), solving the curve's x(t) = x by bisection. */
export function bezierProgress(curve: TBezier, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 50; step++) {
    const mid = (low + high) / 2;
    if (bezierPoint(curve, mid).x < x) low = mid;
    else high = mid;
  }
  return bezierPoint(curve, (low + high) / 2).y;
}

/** Value space (0…1, y up) → SVG space (y down), inside the frame's padding. */
export function toSvg(point: TPoint, frame: TBezierFrame = DEFAULT_FRAME): TPoint {
  return { x: round(frame.pad + point.x * frame.size), y: round(frame.pad + (1 - point.y) * frame.size) };
}

/** SVG space → value space, x clamped to 0…1 (CSS requires it), y kept within -1…2, 2 decimals. */
export function fromSvg(point: TPoint, frame: TBezierFrame = DEFAULT_FRAME): TPoint {
  const x = clamp((point.x - frame.pad) / frame.size, 0, 1);
  const y = clamp(1 - (point.y - frame.pad) / frame.size, -1, 2);
  return { x: round(x, 2), y: round(y, 2) };
}

/** The curve as an SVG path: `M start C handle1 handle2 end`. */
export function bezierPath(curve: TBezier, frame: TBezierFrame = DEFAULT_FRAME): string {
  const start = toSvg({ x: 0, y: 0 }, frame);
  const end = toSvg({ x: 1, y: 1 }, frame);
  const h1 = toSvg({ x: curve[0], y: curve[1] }, frame);
  const h2 = toSvg({ x: curve[2], y: curve[3] }, frame);
  return `M ${start.x} ${start.y} C ${h1.x} ${h1.y}, ${h2.x} ${h2.y}, ${end.x} ${end.y}`;
}

/** Why four numbers are not a valid curve (`null` when they are): x1 and x2 must be in 0…1. */
export function bezierProblem(values: readonly number[]): string | null {
  if (values.length !== 4 || values.some((value) => !Number.isFinite(value)))
    return 'Enter four numbers: x1, y1, x2, y2.';
  if ((values[0] ?? 0) < 0 || (values[0] ?? 0) > 1 || (values[2] ?? 0) < 0 || (values[2] ?? 0) > 1)
    return 'x1 and x2 must be between 0 and 1.';
  return null;
}

/** `cubic-bezier(0.2, 0, 0, 1)`. */
export function bezierCss(curve: readonly number[]): string {
  return `cubic-bezier(${curve.join(', ')})`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}
