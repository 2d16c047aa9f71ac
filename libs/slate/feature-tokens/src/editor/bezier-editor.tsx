'use client';
import { useRef, useState, type PointerEvent } from 'react';
import { bezierPath, bezierProblem, DEFAULT_FRAME, fromSvg, toSvg, type TBezier } from '../lib/bezier';
import { INPUT, LABEL } from '@lumenforge/ui/page-parts';

const LABELS = ['x1', 'y1', 'x2', 'y2'] as const;
const VIEW = DEFAULT_FRAME.size + DEFAULT_FRAME.pad * 2;

/** Four numbers and a live curve preview whose two handles can be dragged. */
export function BezierEditor({
  value,
  onChange,
  idPrefix,
  disabled,
}: {
  value: unknown;
  onChange: (value: unknown, error: string | null) => void;
  idPrefix: string;
  disabled: boolean;
}) {
  const initial =
    Array.isArray(value) && value.length === 4 ? value.map(String) : ['0.25', '0.1', '0.25', '1'];
  const [texts, setTexts] = useState<string[]>(initial);
  const [dragging, setDragging] = useState<0 | 1 | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const numbers = texts.map((text) => (text.trim() === '' ? Number.NaN : Number(text)));
  const problem = bezierProblem(numbers);
  const curve: TBezier = problem ? [0, 0, 1, 1] : (numbers as TBezier);

  function update(next: string[]) {
    setTexts(next);
    const parsed = next.map((text) => (text.trim() === '' ? Number.NaN : Number(text)));
    const error = bezierProblem(parsed);
    onChange(error ? value : parsed, error);
  }

  function pointFromEvent(event: PointerEvent<SVGSVGElement>) {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    const scale = VIEW / box.width;
    return fromSvg({ x: (event.clientX - box.left) * scale, y: (event.clientY - box.top) * scale });
  }

  function handleMove(event: PointerEvent<SVGSVGElement>) {
    if (dragging === null || disabled) return;
    const point = pointFromEvent(event);
    if (!point) return;
    const next = [...texts];
    next[dragging * 2] = String(point.x);
    next[dragging * 2 + 1] = String(point.y);
    update(next);
  }

  const start = toSvg({ x: 0, y: 0 });
  const end = toSvg({ x: 1, y: 1 });
  const h1 = toSvg({ x: curve[0], y: curve[1] });
  const h2 = toSvg({ x: curve[2], y: curve[3] });

  return (
    <div className="flex flex-wrap items-start gap-4">
      <div className="grid grid-cols-2 gap-2">
        {LABELS.map((label, index) => (
          <div key={label} className="w-24">
            <label htmlFor={`${idPrefix}-${label}`} className={LABEL}>
              {label}
            </label>
            <input
              id={`${idPrefix}-${label}`}
              type="number"
              step="0.01"
              min={index % 2 === 0 ? 0 : undefined}
              max={index % 2 === 0 ? 1 : undefined}
              className={`${INPUT} mt-1`}
              value={texts[index] ?? ''}
              disabled={disabled}
              onChange={(event) => {
                const next = [...texts];
                next[index] = event.target.value;
                update(next);
              }}
              data-testid={`bezier-${label}`}
            />
          </div>
        ))}
        {problem ? (
          <p role="alert" className="col-span-2 text-xs text-danger-text">
            {problem}
          </p>
        ) : null}
      </div>
      <svg
        ref={svg}
        viewBox={`0 0 ${VIEW} ${VIEW}`}
        className="size-48 touch-none rounded-md border border-border bg-surface-sunken text-fg"
        role="img"
        aria-label={`Curve preview: cubic-bezier(${curve.join(', ')}). Drag the handles or type the numbers.`}
        data-testid="bezier-preview"
        onPointerMove={handleMove}
        onPointerUp={() => setDragging(null)}
        onPointerLeave={() => setDragging(null)}
      >
        <rect
          x={DEFAULT_FRAME.pad}
          y={DEFAULT_FRAME.pad}
          width={DEFAULT_FRAME.size}
          height={DEFAULT_FRAME.size}
          fill="none"
          stroke="currentColor"
          strokeOpacity="0.2"
        />
        <line x1={start.x} y1={start.y} x2={h1.x} y2={h1.y} stroke="currentColor" strokeOpacity="0.5" />
        <line x1={end.x} y1={end.y} x2={h2.x} y2={h2.y} stroke="currentColor" strokeOpacity="0.5" />
        <path
          d={bezierPath(curve)}
          fill="none"
          stroke="var(--color-accent)"
          strokeWidth="3"
          data-testid="bezier-path"
        />
        {[h1, h2].map((handle, index) => (
          <circle
            key={index}
            cx={handle.x}
            cy={handle.y}
            r="8"
            fill="var(--color-surface)"
            stroke="var(--color-accent)"
            strokeWidth="3"
            className={disabled ? '' : 'cursor-grab'}
            onPointerDown={(event) => {
              if (disabled) return;
              (event.currentTarget.ownerSVGElement ?? event.currentTarget).setPointerCapture?.(
                event.pointerId,
              );
              setDragging(index as 0 | 1);
            }}
          />
        ))}
      </svg>
    </div>
  );
}
