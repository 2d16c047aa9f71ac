'use client';
import { Badge, BUTTON_PRIMARY } from '@lumenforge/ui/page-parts';
import { useEffect, useRef } from 'react';
import type { TCheckedVariation } from './generation-api';
import { EXPERT_LABELS } from './generation-progress';
import { PreviewFrame, type TLivePreview } from './live-preview';

/** The check's verdict in words (colour only supports it). */
export function CheckBadge({ check }: { check: TCheckedVariation['check'] }) {
  return check.ok ? (
    <Badge tone="success" testId="check-result">
      Checks passed
    </Badge>
  ) : (
    <Badge tone="danger" testId="check-result">
      {check.problems.length === 1 ? '1 check problem' : `${check.problems.length} check problems`}
    </Badge>
  );
}

/** One of the generation's variations: its live preview, check result, each expert's contribution, "Choose". */
export function VariationCard({
  variation,
  preview,
  signInUrl,
  onPreviewLoad,
  onPreviewFail,
  onChoose,
}: {
  variation: TCheckedVariation;
  /** The generation's one preview session (this card shows its variation). */
  preview: TLivePreview;
  signInUrl: string;
  onPreviewLoad: () => void;
  /** The preview could not open (its message is shown on the card). */
  onPreviewFail: () => void;
  onChoose: () => void;
}) {
  const onPreviewFailRef = useRef(onPreviewFail);
  onPreviewFailRef.current = onPreviewFail;
  useEffect(() => {
    if (preview.problem) onPreviewFailRef.current();
  }, [preview.problem]);
  const headingId = `variation-${variation.id}-title`;
  return (
    <article
      aria-labelledby={headingId}
      className="flex min-w-0 flex-col rounded-lg border border-border bg-surface"
      data-testid="variation-card"
      data-variation={variation.id}
    >
      <div className="space-y-1 p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id={headingId} className="text-sm font-semibold">
            {variation.label}
          </h3>
          <CheckBadge check={variation.check} />
        </div>
        <p className="text-xs text-fg-muted">{variation.description}</p>
      </div>
      <div className="border-y border-border bg-surface-sunken">
        <PreviewFrame
          preview={preview}
          title={`Preview of ${variation.label}`}
          signInUrl={signInUrl}
          variation={variation.id}
          heightClass="h-64"
          onLoad={onPreviewLoad}
          testId="variation-preview"
        />
      </div>
      {variation.check.problems.length > 0 ? (
        <ul className="space-y-0.5 px-3 pt-2 font-mono text-xs text-danger-text" aria-label="Check problems">
          {variation.check.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <details open className="px-3 pt-2 text-xs">
        <summary className="cursor-pointer font-medium text-fg-muted">What each expert contributed</summary>
        <ul className="mt-1 space-y-1.5" data-testid="contributions">
          {variation.contributions.map((contribution) => (
            <li key={contribution.expert}>
              <span className="font-medium">{EXPERT_LABELS[contribution.expert]}</span>{' '}
              <span className="text-fg-muted tabular-nums">({Math.round(contribution.weight * 100)} %)</span>
              <ul className="ml-4 list-disc text-fg-muted">
                {contribution.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </details>
      <div className="mt-auto p-3">
        <button
          type="button"
          className={`${BUTTON_PRIMARY} w-full`}
          onClick={onChoose}
          aria-label={`Choose ${variation.label}`}
        >
          Choose
        </button>
      </div>
    </article>
  );
}
