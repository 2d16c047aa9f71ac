'use client';
import { useEffect, useRef, useState } from 'react';
import { bezierCss, bezierPath, type TBezier } from '../lib/bezier';
import { TokenCopyButtons } from '../lib/copy-button';
import type { TTokenEntry } from '../lib/types';
import { BUTTON_SMALL } from '../lib/ui';
import { useReducedMotion } from '../lib/use-reduced-motion';
import { DeprecatedBadge, TokenName, testIdOf } from './token-views';

function asCurve(value: unknown): TBezier | null {
  return Array.isArray(value) && value.length === 4 && value.every((item) => typeof item === 'number')
    ? (value as TBezier)
    : null;
}

/**
 * A motion token that plays itself: a dot crosses a track in the token's duration (durations, with
 * the standard easing) or along its curve (easings, in `demoDuration`). Hover or press Play; with
 * reduced motion the dot jumps.
 */
export function MotionDemo({
  entry,
  duration,
  easing,
}: {
  entry: TTokenEntry;
  /** CSS duration to play with. */
  duration: string;
  /** CSS timing function to play with. */
  easing: string;
}) {
  const reducedMotion = useReducedMotion();
  const [position, setPosition] = useState<'start' | 'end'>('start');
  const [animate, setAnimate] = useState(false);
  const frame = useRef<number | null>(null);
  const curve = asCurve(entry.value);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  function play() {
    setAnimate(false);
    setPosition('start');
    // Two frames: let the dot land at the start without a transition, then move it with one.
    frame.current = requestAnimationFrame(() => {
      frame.current = requestAnimationFrame(() => {
        setAnimate(true);
        setPosition('end');
      });
    });
  }

  return (
    <li
      className="grid items-center gap-3 border-b border-border py-3 last:border-b-0 md:grid-cols-[14rem_minmax(0,1fr)_auto]"
      data-testid={testIdOf(entry)}
      onMouseEnter={play}
    >
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <TokenName entry={entry} />
          <DeprecatedBadge deprecated={entry.deprecated} />
        </div>
        <p className="font-mono text-[11px] text-fg-muted">{entry.css}</p>
        {entry.description ? <p className="text-xs text-fg-muted">{entry.description}</p> : null}
      </div>
      <div className="flex min-w-0 items-center gap-3">
        {curve ? (
          <svg viewBox="0 0 240 240" className="size-12 shrink-0 text-fg-muted" aria-hidden="true">
            <rect
              x="40"
              y="40"
              width="160"
              height="160"
              fill="none"
              stroke="currentColor"
              strokeOpacity="0.25"
            />
            <path d={bezierPath(curve)} fill="none" stroke="currentColor" strokeWidth="10" />
          </svg>
        ) : null}
        <div className="relative h-6 min-w-0 flex-1 rounded-full bg-surface-sunken" aria-hidden="true">
          <span
            className="absolute top-1 left-1 size-4 rounded-full bg-accent"
            style={{
              left: position === 'end' ? 'calc(100% - 1.25rem)' : '0.25rem',
              transitionProperty: 'left',
              transitionDuration: animate && !reducedMotion ? duration : '0s',
              transitionTimingFunction: easing,
            }}
            data-testid={`${testIdOf(entry)}-dot`}
            data-position={position}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-1">
        <button
          type="button"
          className={BUTTON_SMALL}
          onClick={play}
          aria-label={`Play ${entry.path}`}
          title={reducedMotion ? 'Reduced motion is on: the dot jumps to the end' : undefined}
        >
          ▶ Play
        </button>
        <TokenCopyButtons
          cssVariable={entry.cssVariable || undefined}
          tailwindClass={entry.tailwindClass}
          value={entry.css || (curve ? bezierCss(curve) : '')}
          testIdPrefix={testIdOf(entry)}
        />
      </div>
    </li>
  );
}
