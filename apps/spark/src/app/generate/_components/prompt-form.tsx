'use client';
import type { TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, FOCUS, INPUT, LABEL } from '@lumenforge/ui/page-parts';
import { useId, type FormEvent } from 'react';
import { ProblemNotice } from './problem-notice';
import { MAX_PROMPT_LENGTH } from './prompt-rules';

const EXAMPLES = [
  'A pricing table with three plans and a highlighted recommended plan',
  'A data table of invoices with sorting, filtering and pagination',
  'A settings page with a profile form and a danger zone',
];

/** The prompt with its character counter; the server's refusal (400) is shown under it. */
export function PromptForm({
  prompt,
  onPromptChange,
  onSubmit,
  isPending,
  problem,
  signInUrl,
}: {
  prompt: string;
  onPromptChange: (prompt: string) => void;
  onSubmit: () => void;
  isPending: boolean;
  problem: TApiProblem | null;
  signInUrl: string;
}) {
  const id = useId();
  const isTooLong = prompt.length > MAX_PROMPT_LENGTH;
  const isInvalid = problem !== null && problem.status === 400;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Prompt"
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <div>
        <div className="flex items-end justify-between gap-2">
          <label htmlFor={`${id}-prompt`} className={LABEL}>
            What should the component do?
          </label>
          <span
            id={`${id}-count`}
            className={`text-xs tabular-nums ${isTooLong ? 'font-medium text-danger-text' : 'text-fg-subtle'}`}
            data-testid="prompt-counter"
            aria-live="polite"
          >
            {prompt.length.toLocaleString('en-GB')} / {MAX_PROMPT_LENGTH.toLocaleString('en-GB')}
          </span>
        </div>
        <textarea
          id={`${id}-prompt`}
          name="prompt"
          rows={4}
          value={prompt}
          onChange={(event) => onPromptChange(event.target.value)}
          placeholder={EXAMPLES[0]}
          className={`${INPUT} mt-1`}
          aria-invalid={isInvalid || isTooLong ? true : undefined}
          aria-describedby={[`${id}-count`, problem ? `${id}-error` : null].filter(Boolean).join(' ')}
        />
      </div>
      {problem ? (
        <div id={`${id}-error`}>
          <ProblemNotice problem={problem} signInUrl={signInUrl} onRetry={onSubmit} testId="prompt-error" />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={BUTTON_PRIMARY} disabled={isPending}>
          {isPending ? 'Planning…' : 'Plan'}
        </button>
        {/* A list, not a sentence with "·" between: at 390 px each example wraps on its own line. */}
        <div className="min-w-0 text-xs text-fg-muted">
          <span id={`${id}-examples`}>For example:</span>
          <ul aria-labelledby={`${id}-examples`} className="mt-0.5 flex flex-wrap gap-x-3 gap-y-1">
            {EXAMPLES.map((example) => (
              <li key={example} className="min-w-0">
                <button
                  type="button"
                  className={`rounded-sm text-left text-accent-text hover:underline ${FOCUS}`}
                  onClick={() => onPromptChange(example)}
                >
                  {example}
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </form>
  );
}
