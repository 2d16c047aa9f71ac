'use client';
import type { TWizard } from '@lumenforge/ignition-templates';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { plural } from '@lumenforge/ui/format';
import { Notice } from '@lumenforge/ui/page-parts';
import { useEffect, useMemo, useState } from 'react';
import type { TPreview, TPreviewIssue } from '../../_lib/ignition-api';
import { buildFileTree, type TFileTreeNode } from './file-tree';

/** How long the form must be still before the preview is asked for (a keystroke restarts it). */
const PREVIEW_DEBOUNCE_MS = 300;

/** Issues of answers the files are rendered from (Git and environment issues do not change the files). */
const renderIssues = (issues: readonly TPreviewIssue[]) =>
  issues.filter((issue) => /^(answers|tokens|template)\b/.test(issue.path));

type TPreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: TPreview }
  | { status: 'invalid'; issues: TPreviewIssue[] }
  | { status: 'failed'; problem: TApiProblem };

function FileTree({
  nodes,
  selected,
  onSelect,
}: {
  nodes: TFileTreeNode[];
  selected: string | null;
  onSelect: (path: string) => void;
}) {
  return (
    <ul className="space-y-0.5 pl-3 first:pl-0">
      {nodes.map((node) =>
        node.kind === 'folder' ? (
          <li key={node.path}>
            <details open>
              <summary className="cursor-pointer truncate rounded px-1 py-0.5 font-mono text-xs text-fg-muted">
                {node.name}/
              </summary>
              <FileTree nodes={node.children} selected={selected} onSelect={onSelect} />
            </details>
          </li>
        ) : (
          <li key={node.path}>
            <button
              type="button"
              onClick={() => onSelect(node.path)}
              aria-current={node.path === selected ? 'true' : undefined}
              className={`block w-full truncate rounded px-1 py-0.5 text-left font-mono text-xs focus-visible:outline-2 focus-visible:outline-focus ${
                node.path === selected ? 'bg-accent-surface text-accent-text' : 'hover:bg-surface-sunken'
              }`}
              data-testid="preview-file"
              data-path={node.path}
              title={`${node.path} · ${plural(node.size, 'byte')}`}
            >
              {node.name}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * The project the answers would generate, rendered by the server in memory (nothing is written):
 * its file tree and the selected file. Asked again 300 ms after the form stops changing; an older
 * answer is discarded. Answers that cannot render show their issues instead of a stale tree.
 */
export function ProjectPreview({ document }: { document: TWizard }) {
  const [selected, setSelected] = useState<string | null>('package.json');
  const [state, setState] = useState<TPreviewState>({ status: 'loading' });
  const [isUpdating, setIsUpdating] = useState(true);
  const body = useMemo(() => JSON.stringify(document), [document]);

  useEffect(() => {
    const controller = new AbortController();
    setIsUpdating(true);
    const timer = window.setTimeout(() => {
      const query = selected ? `?path=${encodeURIComponent(selected)}` : '';
      void sendJson<TPreview>(`/api/projects/preview${query}`, { method: 'POST', rawBody: body }).then(
        (result) => {
          if (controller.signal.aborted) return;
          setIsUpdating(false);
          // Answers the files depend on have issues (the server would fill in defaults): the issues
          // stand in for the tree, so a tree never shows answers other than the form's.
          if (result.ok)
            setState(
              result.data.files.length === 0 || renderIssues(result.data.issues).length > 0
                ? {
                    status: 'invalid',
                    issues: renderIssues(result.data.issues).length
                      ? renderIssues(result.data.issues)
                      : result.data.issues,
                  }
                : { status: 'ready', preview: result.data },
            );
          else if (result.problem.issues.length > 0)
            setState({ status: 'invalid', issues: result.problem.issues });
          else setState({ status: 'failed', problem: result.problem });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [body, selected]);

  const tree = useMemo(() => (state.status === 'ready' ? buildFileTree(state.preview.files) : []), [state]);

  return (
    <section
      aria-labelledby="preview-title"
      className="flex min-w-0 flex-col rounded-lg border border-border bg-surface"
      data-testid="project-preview"
      data-state={isUpdating ? 'updating' : state.status}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-3 py-2">
        <h2 id="preview-title" className="text-sm font-semibold">
          Preview
        </h2>
        <p className="text-xs text-fg-muted" aria-live="polite">
          {isUpdating
            ? 'Updating…'
            : state.status === 'ready'
              ? `${plural(state.preview.files.length, 'file')} · nothing written yet`
              : ''}
        </p>
      </div>
      {state.status === 'invalid' ? (
        <div className="space-y-2 p-3" data-testid="preview-issues">
          <p className="text-sm">The preview appears once these are fixed:</p>
          <ul className="space-y-1 text-sm">
            {state.issues.map((issue, index) => (
              <li key={`${issue.path}-${index}`} className="break-words">
                <code className="font-mono text-xs text-danger-text">{issue.path}</code>{' '}
                <span className="text-fg-muted">{issue.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : state.status === 'failed' ? (
        <div className="p-3">
          <Notice tone="warning">The preview is unavailable: {state.problem.message}</Notice>
        </div>
      ) : state.status === 'loading' ? (
        <p className="p-3 text-sm text-fg-muted">Rendering the project…</p>
      ) : (
        <div
          className={`grid min-h-0 flex-1 transition-opacity md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] ${isUpdating ? 'opacity-60' : ''}`}
          aria-busy={isUpdating}
        >
          <nav
            aria-label="Generated files"
            className="max-h-64 overflow-auto border-b border-border p-2 md:max-h-[36rem] md:border-r md:border-b-0"
            data-testid="preview-tree"
          >
            <FileTree nodes={tree} selected={selected} onSelect={setSelected} />
          </nav>
          <div className="min-w-0">
            {state.preview.file ? (
              <>
                <p className="truncate border-b border-border px-3 py-1.5 font-mono text-xs text-fg-muted">
                  {state.preview.file.path}
                </p>
                <pre
                  className="max-h-[36rem] overflow-auto p-3 font-mono text-xs leading-relaxed"
                  data-testid="preview-content"
                  data-path={state.preview.file.path}
                  tabIndex={0}
                  role="region"
                  aria-label={`Content of ${state.preview.file.path}`}
                >
                  {state.preview.file.content}
                </pre>
              </>
            ) : (
              <p className="p-3 text-sm text-fg-muted">Choose a file to see its content.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
