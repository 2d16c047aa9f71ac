'use client';
import type { TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_SECONDARY, LINK } from '@lumenforge/ui/page-parts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { openPreview, updatePreview, type TPreviewSession } from './generation-api';
import { ProblemNotice } from './problem-notice';
import { changedPreviewFiles, previewFrameUrl, type TPreviewSource } from './preview-files';

/** An open preview and the files it shows: handed from the chosen variation to the editor. */
export type TPreviewHandle = { session: TPreviewSession; sent: TPreviewSource };

export type TLivePreview = {
  session: TPreviewSession | null;
  problem: TApiProblem | null;
  /** Hot updates applied since it opened (each edit reaches it without a reload). */
  updates: number;
  isUpdating: boolean;
  retry: () => void;
  handle: () => TPreviewHandle | null;
};

/** Edits are sent after this pause in typing. */
const UPDATE_DELAY_MS = 400;

/**
 * A live preview of `source` (memoised by the caller) on IGNIS's preview service (through SPARK's /api/previews): opened once
 * (or taken over from `initial`), then every change is sent as a hot update of the changed files,
 * one at a time in order. A preview that stopped meanwhile (404, idle) is opened again.
 */
export function useLivePreview(files: TPreviewSource, initial?: TPreviewHandle | null): TLivePreview {
  const [session, setSession] = useState<TPreviewSession | null>(initial?.session ?? null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [updates, setUpdates] = useState(0);
  const [pending, setPending] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const filesRef = useRef(files);
  filesRef.current = files;
  const sentRef = useRef<TPreviewSource | null>(initial?.sent ?? null);
  const queueRef = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (session) return;
    let isCancelled = false;
    const opening = filesRef.current;
    setProblem(null);
    void openPreview(opening).then((result) => {
      if (isCancelled) return;
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      sentRef.current = opening;
      setSession(result.data);
    });
    return () => {
      isCancelled = true;
    };
  }, [session, attempt]);

  useEffect(() => {
    if (!session || sentRef.current === files) return;
    const timer = setTimeout(() => {
      setPending((count) => count + 1);
      queueRef.current = queueRef.current.then(async () => {
        const sent = sentRef.current;
        const next = filesRef.current;
        if (!sent || sent === next) return;
        const changed = changedPreviewFiles(sent, next);
        if (Object.keys(changed).length === 0) {
          sentRef.current = next;
          return;
        }
        const result = await updatePreview(session.id, changed);
        if (result.ok) {
          sentRef.current = next;
          setProblem(null);
          setUpdates((count) => count + 1);
        } else if (result.problem.status === 404) setSession(null);
        else setProblem(result.problem);
      });
      void queueRef.current.finally(() => setPending((count) => count - 1));
    }, UPDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [files, session]);

  const retry = useCallback(() => {
    setProblem(null);
    if (!session) {
      setAttempt((count) => count + 1);
      return;
    }
    // Resends everything the preview should show.
    queueRef.current = queueRef.current.then(async () => {
      const next = filesRef.current;
      const result = await updatePreview(session.id, next.files);
      if (result.ok) {
        sentRef.current = next;
        setUpdates((count) => count + 1);
      } else if (result.problem.status === 404) setSession(null);
      else setProblem(result.problem);
    });
  }, [session]);

  const handle = useCallback(
    () => (session && sentRef.current ? { session, sent: sentRef.current } : null),
    [session],
  );

  return { session, problem, updates, isUpdating: pending > 0, retry, handle };
}

export const PREVIEW_WIDTHS = [
  { id: 'mobile', label: 'Mobile', width: 390 },
  { id: 'tablet', label: 'Tablet', width: 768 },
  { id: 'desktop', label: 'Desktop', width: 1280 },
] as const;
export type TPreviewWidth = (typeof PREVIEW_WIDTHS)[number]['id'];

/**
 * The preview's iframe: IGNIS's preview origin, sandboxed (scripts only: no cookies, no storage).
 * The theme travels in the fragment and the iframe's `color-scheme` (the tokens follow the
 * preferred scheme), so switching it never reloads the page inside.
 */
export function PreviewFrame({
  preview,
  title,
  signInUrl,
  variation,
  width,
  theme = 'light',
  heightClass = 'h-72',
  onLoad,
  testId,
}: {
  preview: TLivePreview;
  title: string;
  signInUrl: string;
  /** The variation the shared session shows in this frame. */
  variation: string;
  width?: TPreviewWidth;
  theme?: 'light' | 'dark';
  heightClass?: string;
  onLoad?: () => void;
  testId?: string;
}) {
  const [loads, setLoads] = useState(0);
  const pixels = PREVIEW_WIDTHS.find((preset) => preset.id === width)?.width;
  if (preview.problem)
    return (
      <div className="p-2">
        <ProblemNotice
          problem={preview.problem}
          signInUrl={signInUrl}
          onRetry={preview.retry}
          testId="preview-error"
        />
      </div>
    );
  if (!preview.session)
    return (
      <p className={`grid place-items-center p-3 text-sm text-fg-muted ${heightClass}`} role="status">
        Starting the preview…
      </p>
    );
  return (
    <iframe
      title={title}
      src={previewFrameUrl(preview.session.url, variation, theme)}
      sandbox="allow-scripts"
      onLoad={() => {
        setLoads((count) => count + 1);
        onLoad?.();
      }}
      style={{
        width: pixels ?? '100%',
        maxWidth: width === 'desktop' || !width ? '100%' : undefined,
        colorScheme: theme,
      }}
      className={`mx-auto block border-0 bg-bg ${heightClass}`}
      data-testid={testId}
      data-width={width}
      data-theme={theme}
      data-loads={loads}
      data-updates={preview.updates}
      data-preview-id={preview.session.id}
    />
  );
}

/** Width presets, the light/dark switch and a link that opens the preview in a tab. */
export function PreviewToolbar({
  width,
  onWidthChange,
  theme,
  onThemeChange,
  url,
}: {
  width: TPreviewWidth;
  onWidthChange: (width: TPreviewWidth) => void;
  theme: 'light' | 'dark';
  onThemeChange: (theme: 'light' | 'dark') => void;
  url: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Preview width" className="flex gap-1">
        {PREVIEW_WIDTHS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={width === preset.id}
            title={`${preset.width} px`}
            className={`${BUTTON_SECONDARY} ${width === preset.id ? 'border-accent-500 bg-accent-surface' : ''}`}
            onClick={() => onWidthChange(preset.id)}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={`${BUTTON_SECONDARY} ${theme === 'dark' ? 'border-accent-500 bg-accent-surface' : ''}`}
        aria-pressed={theme === 'dark'}
        onClick={() => onThemeChange(theme === 'dark' ? 'light' : 'dark')}
      >
        Dark
      </button>
      {url ? (
        <a className={`${LINK} text-xs`} href={url} target="_blank" rel="noreferrer noopener">
          Open in a tab
        </a>
      ) : null}
    </div>
  );
}
