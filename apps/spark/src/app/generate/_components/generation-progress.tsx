'use client';
import type { TExpert, TGenerationProgress, TRouting } from '@lumenforge/spark-generator';

export const EXPERT_LABELS: Record<TExpert, string> = {
  design: 'Design expert',
  logic: 'Logic expert',
  performance: 'Performance expert',
};
const EXPERT_ORDER: readonly TExpert[] = ['design', 'logic', 'performance'];

type TStepId = 'analysis' | 'routing' | TExpert | 'merge' | 'checks' | 'preview';
const STEPS: readonly { id: TStepId; label: string }[] = [
  { id: 'analysis', label: 'Analysis' },
  { id: 'routing', label: 'Routing' },
  ...EXPERT_ORDER.map((expert) => ({ id: expert, label: EXPERT_LABELS[expert] })),
  { id: 'merge', label: 'Merge' },
  { id: 'checks', label: 'Checks' },
  { id: 'preview', label: 'Preview ready' },
];

/** The step a progress event belongs to (an expert event names its expert). */
function stepOf(progress: TGenerationProgress): TStepId | 'done' {
  if (progress.stage === 'expert') return progress.expert ?? 'design';
  return progress.stage;
}

type TStepState = 'pending' | 'active' | 'done' | 'failed';

/**
 * Each step's state from the events so far: every step before the latest one reached is done.
 * "Preview ready" is the page's own: done once the variations' previews loaded.
 */
export function stepStates(
  events: readonly TGenerationProgress[],
  isPreviewReady: boolean,
  hasPreviewFailed = false,
): Record<TStepId, TStepState> {
  const reached = events.reduce((furthest, event) => {
    const step = stepOf(event);
    const index = step === 'done' ? STEPS.length - 1 : STEPS.findIndex((candidate) => candidate.id === step);
    return Math.max(furthest, index);
  }, -1);
  return Object.fromEntries(
    STEPS.map((step, index) => {
      if (step.id === 'preview')
        return [
          step.id,
          isPreviewReady ? 'done' : hasPreviewFailed ? 'failed' : reached >= index ? 'active' : 'pending',
        ];
      return [step.id, index < reached ? 'done' : index === reached ? 'active' : 'pending'];
    }),
  ) as Record<TStepId, TStepState>;
}

const STATE_TEXT: Record<TStepState, string> = {
  pending: 'waiting',
  active: 'in progress',
  done: 'done',
  failed: 'failed',
};

/** The generation's progress bar, its steps, and the latest message. */
export function GenerationProgress({
  events,
  previewsLoaded,
  previewsFailed = 0,
  previewsTotal,
  isFinished,
}: {
  events: readonly TGenerationProgress[];
  previewsLoaded: number;
  /** Previews that could not open (the message is on their card). */
  previewsFailed?: number;
  previewsTotal: number;
  isFinished: boolean;
}) {
  const serverProgress = events.reduce((max, event) => Math.max(max, event.progress), 0);
  const isPreviewReady = previewsTotal > 0 && previewsLoaded >= previewsTotal;
  // The server's stages take 85 % of the bar, the previews loading the rest.
  const value = Math.round(
    (isFinished ? 0.85 : serverProgress * 0.85) * 100 +
      (previewsTotal > 0 ? (previewsLoaded / previewsTotal) * 15 : 0),
  );
  const states = stepStates(
    isFinished ? [...events, { stage: 'done', message: '', progress: 1 }] : events,
    isPreviewReady,
    previewsFailed > 0 && previewsLoaded + previewsFailed >= previewsTotal,
  );
  const latest = events.at(-1);

  return (
    <section
      aria-labelledby="generation-progress-title"
      className="rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="generation-progress-title" className="text-base font-semibold">
          Progress
        </h2>
        <span className="text-sm tabular-nums text-fg-muted">{value} %</span>
      </div>
      <div
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="mt-2 h-2 overflow-hidden rounded-full bg-surface-sunken"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-300"
          style={{ width: `${value}%` }}
        />
      </div>
      <ol className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Generation steps">
        {STEPS.map((step) => (
          <li key={step.id} data-testid="generation-step" data-step={step.id} data-state={states[step.id]}>
            <span
              aria-hidden="true"
              className={`mr-1 inline-block size-2 rounded-full ${
                states[step.id] === 'done'
                  ? 'bg-success-500'
                  : states[step.id] === 'failed'
                    ? 'bg-danger-500'
                    : states[step.id] === 'active'
                      ? 'animate-pulse bg-accent'
                      : 'bg-border-strong'
              }`}
            />
            <span
              className={
                states[step.id] === 'pending'
                  ? 'text-fg-subtle'
                  : states[step.id] === 'failed'
                    ? 'text-danger-text'
                    : 'text-fg'
              }
            >
              {step.label}
              {states[step.id] === 'failed' ? ' — failed' : null}
            </span>
            {states[step.id] === 'failed' ? null : (
              <span className="sr-only"> ({STATE_TEXT[states[step.id]]})</span>
            )}
          </li>
        ))}
      </ol>
      {latest && !isPreviewReady ? (
        <p className="mt-2 text-xs text-fg-muted" aria-live="polite" data-testid="progress-message">
          {latest.message}
        </p>
      ) : null}
    </section>
  );
}

/** The router's three weights as bars, with its reason for each. */
export function ExpertWeights({ routing }: { routing: TRouting }) {
  return (
    <section
      aria-labelledby="expert-weights-title"
      className="rounded-lg border border-border bg-surface p-4"
    >
      <h2 id="expert-weights-title" className="text-base font-semibold">
        Router weights
      </h2>
      <ul className="mt-2 space-y-2">
        {EXPERT_ORDER.map((expert) => {
          const percent = Math.round((routing.weights[expert] ?? 0) * 100);
          return (
            <li key={expert} data-testid="expert-weight" data-expert={expert}>
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{EXPERT_LABELS[expert]}</span>
                <span className="tabular-nums text-fg-muted">{percent} %</span>
              </div>
              <div className="mt-1 h-2 overflow-hidden rounded-full bg-surface-sunken" aria-hidden="true">
                <div className="h-full rounded-full bg-accent" style={{ width: `${percent}%` }} />
              </div>
              <p className="mt-0.5 text-xs text-fg-muted">{routing.reasons[expert]}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
