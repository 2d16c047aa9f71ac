'use client';
import { useEffect, useState } from 'react';
import { BUTTON_SECONDARY } from './page-parts';

export type CopyButtonProps = {
  text: string;
  /** Visible label: `Copy source`, `CSS`, `Value`. */
  label: string;
  /** What is copied, for the accessible name (`Copy <what> <text>`); omit to use the label alone. */
  what?: string;
  /** Button classes; default `BUTTON_SECONDARY`. */
  className?: string;
  testId?: string;
};

/**
 * Copies `text` to the clipboard; says "Copied" (and announces it) for a moment, or why it failed
 * (there is no clipboard outside secure contexts).
 */
export function CopyButton({ text, label, what, className = BUTTON_SECONDARY, testId }: CopyButtonProps) {
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
      className={className}
      onClick={() => void copy()}
      aria-label={what ? `Copy ${what} ${text}` : undefined}
      title={what ? text : undefined}
      data-testid={testId}
    >
      <span aria-hidden={what ? 'true' : undefined}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </span>
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text instead' : ''}
      </span>
    </button>
  );
}
