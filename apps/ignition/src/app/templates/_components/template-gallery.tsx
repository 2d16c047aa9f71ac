'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { formatDate, plural } from '@lumenforge/ui/format';
import { Badge, BUTTON_PRIMARY, BUTTON_SECONDARY, Notice } from '@lumenforge/ui/page-parts';
import { useCallback, useEffect, useState } from 'react';
import type { TTemplateCard } from '../../_lib/ignition-api';

/** Asks for a fresh gallery (after an upload): the gallery listens for it. */
export const TEMPLATES_CHANGED_EVENT = 'ignition:templates-changed';

/** The workspace's templates as cards; "Use template" opens the wizard with it. */
export function TemplateGallery({ canCreate }: { canCreate: boolean }) {
  const [templates, setTemplates] = useState<TTemplateCard[] | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const load = useCallback(async () => {
    const result = await sendJson<{ templates: TTemplateCard[] }>('/api/templates', { method: 'GET' });
    if (result.ok) {
      setTemplates(result.data.templates);
      setProblem(null);
    } else setProblem(result.problem);
  }, []);

  useEffect(() => {
    void load();
    const reload = () => void load();
    window.addEventListener(TEMPLATES_CHANGED_EVENT, reload);
    return () => window.removeEventListener(TEMPLATES_CHANGED_EVENT, reload);
  }, [load]);

  if (problem)
    return (
      <Notice tone="danger" testId="templates-error">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span>{problem.message}</span>
          <button type="button" className={BUTTON_SECONDARY} onClick={() => void load()}>
            Try again
          </button>
        </div>
      </Notice>
    );
  if (!templates)
    return (
      <p className="text-sm text-fg-muted" role="status" data-testid="templates-loading">
        Loading templates…
      </p>
    );
  if (templates.length === 0) return <p className="text-sm text-fg-muted">No templates yet.</p>;

  return (
    <ul
      className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3"
      aria-label="Templates"
      data-testid="template-list"
    >
      {templates.map((template) => (
        <li
          key={template.key}
          className="flex min-w-0 flex-col rounded-lg border border-border bg-surface p-4"
          data-testid="template-card"
          data-key={template.key}
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h2 className="min-w-0 text-base font-semibold break-words">{template.name}</h2>
            <Badge tone="accent" title="Newest version">
              v{template.latestVersion}
            </Badge>
          </div>
          <p className="mt-0.5 font-mono text-xs text-fg-muted">{template.key}</p>
          <p className="mt-2 flex-1 text-sm text-fg-muted">{template.description}</p>
          {template.tags.length > 0 ? (
            <ul className="mt-3 flex flex-wrap gap-1" aria-label="Tags">
              {template.tags.map((tag) => (
                <li key={tag}>
                  <Badge>{tag}</Badge>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-3 text-xs text-fg-muted">
            {plural(template.fileCount, 'file')} · {template.builtIn ? 'Built in' : 'Added'} · updated{' '}
            <time dateTime={template.updatedAt}>{formatDate(template.updatedAt)}</time>
          </p>
          {canCreate ? (
            <a
              href={`/new?template=${encodeURIComponent(template.key)}`}
              className={`${BUTTON_PRIMARY} mt-4 self-start`}
              aria-label={`Use template ${template.name}`}
            >
              Use template
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
