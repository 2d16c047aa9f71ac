'use client';

import type { TWebContainerAvailability } from '../../_webcontainer/availability';

export type TRuntime = 'ignis' | 'webcontainer';

const RUNTIMES: ReadonlyArray<{ value: TRuntime; label: string }> = [
  { value: 'ignis', label: 'IGNIS engine (default)' },
  { value: 'webcontainer', label: 'In-browser (WebContainer)' },
];

/** The preview's runtime: IGNIS's engine (default) or WebContainer, disabled with the reason why. */
export function RuntimeChoice({
  runtime,
  webContainer,
  onChange,
}: {
  runtime: TRuntime;
  webContainer: TWebContainerAvailability;
  onChange: (runtime: TRuntime) => void;
}) {
  const option =
    'flex items-center gap-1.5 rounded-md border border-border px-2 py-1 text-xs has-[:checked]:border-accent-500 has-[:disabled]:text-fg-subtle';
  return (
    <fieldset className="flex min-w-0 flex-col gap-1" data-testid="runtime-choice">
      <legend className="sr-only">Runtime</legend>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-xs font-semibold text-fg-muted" aria-hidden="true">
          Runtime
        </span>
        {RUNTIMES.map((choice) => {
          const isDisabled = choice.value === 'webcontainer' && !webContainer.isAvailable;
          return (
            <label key={choice.value} className={option}>
              <input
                type="radio"
                name="runtime"
                value={choice.value}
                checked={runtime === choice.value}
                disabled={isDisabled}
                aria-describedby={isDisabled ? 'webcontainer-unavailable' : undefined}
                onChange={() => onChange(choice.value)}
              />
              {choice.label}
            </label>
          );
        })}
      </div>
      {webContainer.isAvailable ? null : (
        <p
          id="webcontainer-unavailable"
          className="text-xs text-fg-muted"
          data-testid="webcontainer-reason"
          data-reason={webContainer.reason}
        >
          WebContainer is unavailable: {webContainer.message}
        </p>
      )}
    </fieldset>
  );
}
