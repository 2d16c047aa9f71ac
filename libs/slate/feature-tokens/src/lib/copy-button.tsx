'use client';
import { useEffect, useState } from 'react';
import { BUTTON_SMALL } from './ui';

/** Copies `text` to the clipboard; says "Copied" (and announces it) for a moment, or why it failed. */
export function CopyButton({
  text,
  label,
  what,
  testId,
}: {
  text: string;
  /** Visible label: `CSS`, `Tailwind`, `Value`. */
  label: string;
  /** What is copied, for the accessible name: `CSS variable`, `Tailwind class`, `value`. */
  what: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <button
      type="button"
      className={BUTTON_SMALL}
      onClick={() => void copy()}
      aria-label={`Copy ${what} ${text}`}
      title={text}
      data-testid={testId}
    >
      <span aria-hidden="true">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </span>
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text instead' : ''}
      </span>
    </button>
  );
}

/** The copy buttons of a token: CSS variable, Tailwind class (when it has one), raw value. */
export function TokenCopyButtons({
  cssVariable,
  tailwindClass,
  value,
  testIdPrefix,
}: {
  cssVariable: string | undefined;
  tailwindClass: string | undefined;
  value: string;
  testIdPrefix?: string;
}) {
  return (
    <span className="flex flex-wrap gap-1">
      {cssVariable ? (
        <CopyButton
          text={`var(${cssVariable})`}
          label="CSS"
          what="CSS variable"
          testId={testIdPrefix ? `${testIdPrefix}-copy-css` : undefined}
        />
      ) : null}
      {tailwindClass ? (
        <CopyButton
          text={tailwindClass}
          label="Tailwind"
          what="Tailwind class"
          testId={testIdPrefix ? `${testIdPrefix}-copy-tailwind` : undefined}
        />
      ) : null}
      <CopyButton
        text={value}
        label="Value"
        what="value"
        testId={testIdPrefix ? `${testIdPrefix}-copy-value` : undefined}
      />
    </span>
  );
}
