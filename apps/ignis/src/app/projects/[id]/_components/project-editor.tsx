'use client';

import Editor, { loader, type BeforeMount, type OnMount } from '@monaco-editor/react';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK, Notice } from '@lumenforge/ui/page-parts';
import { RuntimeChoice, type TRuntime } from './runtime-choice';
import { useWebContainer, type TWebContainerSettings } from './use-webcontainer';

// Monaco's files come from this app (projects/monaco-editor/[...path]), never a CDN.
loader.config({ paths: { vs: '/projects/monaco-editor/vs' } });

export type TIsolationInfo = { available: boolean; mode?: 'container' | 'process'; summary: string };
type TFileEntry = { path: string; sha256: string; sizeBytes: number };
type TOpenFile = { content: string; sha256: string; savedContent: string };
type TPreview = { id: string; url: string; isolation: string };

export type ProjectEditorProps = {
  project: { id: string; name: string; description: string };
  files: TFileEntry[];
  initialPath: string | null;
  canEdit: boolean;
  isolation: TIsolationInfo;
  /** The in-browser runtime's server-side checks (IGNIS_WEBCONTAINER, the package). */
  webContainer: TWebContainerSettings;
};

const WIDTHS = [
  { id: 'mobile', label: 'Mobile', width: 390 },
  { id: 'tablet', label: 'Tablet', width: 768 },
  { id: 'desktop', label: 'Desktop', width: 1280 },
] as const;
type TWidthId = (typeof WIDTHS)[number]['id'];

function languageOf(path: string): string {
  if (/\.tsx?$/.test(path)) return 'typescript';
  if (/\.jsx?$|\.mjs$/.test(path)) return 'javascript';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.html')) return 'html';
  if (path.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

const fileUrl = (projectId: string, path: string) =>
  `/api/projects/${projectId}/files/${path.split('/').map(encodeURIComponent).join('/')}`;

type TMonacoTs = {
  typescriptDefaults: {
    setCompilerOptions: (options: Record<string, unknown>) => void;
    setDiagnosticsOptions: (options: Record<string, unknown>) => void;
  };
  JsxEmit: { ReactJSX: number };
};

/** The editor of one project: its files, Monaco, and the live preview beside them. */
export function ProjectEditor({
  project,
  files: initialFiles,
  initialPath,
  canEdit,
  isolation,
  webContainer: webContainerSettings,
}: ProjectEditorProps) {
  const [files, setFiles] = useState(initialFiles);
  const [path, setPath] = useState<string | null>(initialPath);
  const [open, setOpen] = useState<Record<string, TOpenFile>>({});
  const [status, setStatus] = useState<{ tone: 'info' | 'success' | 'danger'; text: string } | null>(null);
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [width, setWidth] = useState<TWidthId>('desktop');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [isSaving, setIsSaving] = useState(false);
  const saveRef = useRef<() => void>(() => undefined);
  const [runtime, setRuntime] = useState<TRuntime>('ignis');
  const webContainer = useWebContainer({
    settings: webContainerSettings,
    isChosen: runtime === 'webcontainer',
    loadFiles: async () => {
      const contents = await Promise.all(
        files.map(async (file) => {
          const result = await sendJson<{ content: string }>(fileUrl(project.id, file.path), {
            method: 'GET',
          });
          if (!result.ok) throw new Error(`${file.path}: ${result.problem.message}`);
          return [file.path, result.data.content] as const;
        }),
      );
      return Object.fromEntries(contents);
    },
  });

  const current = path ? open[path] : undefined;
  const isDirty = current !== undefined && current.content !== current.savedContent;

  // Opens (or reuses) the project's dev session on the engine.
  useEffect(() => {
    let isCancelled = false;
    void sendJson<TPreview>('/api/previews', { method: 'POST', body: { projectId: project.id } }).then(
      (result) => {
        if (isCancelled) return;
        if (result.ok) setPreview(result.data);
        else setPreviewError(result.problem.message);
      },
    );
    return () => {
      isCancelled = true;
    };
  }, [project.id]);

  // Loads the selected file once.
  useEffect(() => {
    if (!path || open[path]) return;
    let isCancelled = false;
    void sendJson<{ content: string; sha256: string }>(fileUrl(project.id, path), { method: 'GET' }).then(
      (result) => {
        if (isCancelled) return;
        if (result.ok) {
          setOpen((previous) => ({
            ...previous,
            [path]: {
              content: result.data.content,
              sha256: result.data.sha256,
              savedContent: result.data.content,
            },
          }));
        } else setStatus({ tone: 'danger', text: result.problem.message });
      },
    );
    return () => {
      isCancelled = true;
    };
  }, [path, open, project.id]);

  const handleSave = useCallback(async () => {
    if (!path || !current || !canEdit || isSaving) return;
    setIsSaving(true);
    setStatus({ tone: 'info', text: `Saving ${path}…` });
    const content = current.content;
    const result = await sendJson<{ sha256: string; sizeBytes: number; preview: string }>(
      fileUrl(project.id, path),
      {
        method: 'PUT',
        body: { content, expectedSha256: current.sha256 },
      },
    );
    setIsSaving(false);
    if (!result.ok) {
      setStatus({ tone: 'danger', text: result.problem.message });
      return;
    }
    setOpen((previous) => ({
      ...previous,
      [path]: {
        content: previous[path]?.content ?? content,
        sha256: result.data.sha256,
        savedContent: content,
      },
    }));
    setFiles((previous) =>
      previous.map((file) =>
        file.path === path ? { ...file, sha256: result.data.sha256, sizeBytes: result.data.sizeBytes } : file,
      ),
    );
    if (runtime === 'webcontainer') await webContainer.writeFile(path, content);
    const previewText =
      runtime === 'webcontainer'
        ? 'written into WebContainer'
        : result.data.preview === 'updated'
          ? 'the preview hot-updated'
          : result.data.preview === 'engine-unavailable'
            ? 'the preview engine is unavailable'
            : 'no preview is open';
    setStatus({ tone: 'success', text: `Saved ${path}; ${previewText}.` });
  }, [path, current, canEdit, isSaving, project.id, runtime, webContainer]);
  saveRef.current = () => void handleSave();

  const handleBeforeMount: BeforeMount = (monaco) => {
    // The project's own types (react, vite) are not loaded into the browser: syntax checks only.
    const namespace = monaco as unknown as { typescript?: TMonacoTs; languages: { typescript?: TMonacoTs } };
    const ts = namespace.typescript ?? namespace.languages.typescript;
    ts?.typescriptDefaults.setCompilerOptions({
      jsx: ts.JsxEmit.ReactJSX,
      allowNonTsExtensions: true,
      target: 99,
      module: 99,
    });
    ts?.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
  };
  const handleMount: OnMount = (editor, monaco) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
  };

  const presetWidth = WIDTHS.find((preset) => preset.id === width)?.width ?? 1280;
  const tree = useMemo(() => files.map((file) => file.path), [files]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-fg-muted">
            <Link className={LINK} href="/">
              IGNIS
            </Link>{' '}
            / Project
          </p>
          <h1 className="text-2xl font-semibold tracking-tight break-words">{project.name}</h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canEdit ? (
            <button
              type="button"
              className={BUTTON_PRIMARY}
              onClick={() => void handleSave()}
              disabled={!isDirty || isSaving}
            >
              {isSaving ? 'Saving…' : isDirty ? 'Save' : 'Saved'}
            </button>
          ) : (
            <span className="text-sm text-fg-muted">Read only: your role cannot edit projects.</span>
          )}
        </div>
      </div>

      <p className="text-xs text-fg-muted" data-testid="isolation">
        Isolation: previews run on a separate origin{preview ? ` (${new URL(preview.url).origin})` : ''} in an
        iframe with <code>sandbox=&quot;allow-scripts&quot;</code> and a{' '}
        <code>Content-Security-Policy: sandbox</code> header (no cookies, storage or signed-in calls); the dev
        server: <strong>{isolation.summary}</strong>
      </p>

      {status ? (
        <div data-testid="save-status">
          <Notice tone={status.tone}>{status.text}</Notice>
        </div>
      ) : null}

      <div className="grid gap-4 xl:grid-cols-[13rem_minmax(0,1fr)_minmax(0,1fr)]">
        <nav aria-label="Project files" className="min-w-0 rounded-lg border border-border bg-surface p-2">
          <h2 className="px-1 pb-1 text-xs font-semibold text-fg-muted">Files</h2>
          <ul className="flex max-h-40 flex-col overflow-auto text-sm xl:max-h-[70vh]">
            {tree.map((filePath) => (
              <li key={filePath}>
                <button
                  type="button"
                  onClick={() => setPath(filePath)}
                  aria-current={filePath === path ? 'true' : undefined}
                  className={`w-full truncate rounded px-1.5 py-1 text-left font-mono text-xs ${
                    filePath === path ? 'bg-accent-surface text-accent-text' : 'hover:bg-surface-sunken'
                  }`}
                  title={filePath}
                >
                  {filePath.slice(filePath.lastIndexOf('/') + 1)}
                  {filePath.includes('/') ? (
                    <span className="ml-1.5 text-fg-subtle">
                      {filePath.slice(0, filePath.lastIndexOf('/') + 1)}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>

        <section
          aria-label="Editor"
          className="flex min-w-0 flex-col rounded-lg border border-border bg-surface"
        >
          <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-1.5 text-xs">
            <span className="truncate font-mono">{path ?? 'No file'}</span>
            {isDirty ? <span className="text-warning-text">unsaved</span> : null}
          </div>
          <div className="h-[45vh] xl:h-[70vh]" data-testid="monaco-host">
            {path && current ? (
              <Editor
                path={path}
                language={languageOf(path)}
                // Uncontrolled: a controlled value lags fast typing and would reset the cursor.
                // One model per path keeps each file's text and undo history.
                defaultValue={current.savedContent}
                theme={theme === 'dark' ? 'vs-dark' : 'light'}
                beforeMount={handleBeforeMount}
                onMount={handleMount}
                onChange={(value) =>
                  setOpen((previous) => {
                    const file = previous[path];
                    return file ? { ...previous, [path]: { ...file, content: value ?? '' } } : previous;
                  })
                }
                options={{
                  readOnly: !canEdit,
                  minimap: { enabled: false },
                  fontSize: 13,
                  automaticLayout: true,
                  scrollBeyondLastLine: false,
                }}
                loading={<p className="p-3 text-sm text-fg-muted">Loading the editor…</p>}
              />
            ) : (
              <p className="p-3 text-sm text-fg-muted">
                {path ? 'Loading…' : 'This project has no files yet.'}
              </p>
            )}
          </div>
        </section>

        <section aria-label="Preview" className="flex min-w-0 flex-col gap-2">
          <RuntimeChoice runtime={runtime} webContainer={webContainer.availability} onChange={setRuntime} />
          <div className="flex flex-wrap items-center gap-2">
            <div role="group" aria-label="Preview width" className="flex gap-1">
              {WIDTHS.map((preset) => (
                <button
                  key={preset.id}
                  type="button"
                  aria-pressed={width === preset.id}
                  className={`${BUTTON_SECONDARY} ${width === preset.id ? 'border-accent-500' : ''}`}
                  onClick={() => setWidth(preset.id)}
                >
                  {preset.label}
                </button>
              ))}
            </div>
            <button
              type="button"
              className={BUTTON_SECONDARY}
              aria-pressed={theme === 'dark'}
              onClick={() => setTheme((value) => (value === 'dark' ? 'light' : 'dark'))}
            >
              Dark
            </button>
            {preview ? (
              <a className={`${LINK} text-xs`} href={preview.url} target="_blank" rel="noreferrer noopener">
                Open in a tab
              </a>
            ) : null}
          </div>
          <div className="overflow-auto rounded-lg border border-border bg-surface-sunken">
            {runtime === 'webcontainer' ? (
              webContainer.error ? (
                <div className="p-3">
                  <Notice tone="danger">{webContainer.error}</Notice>
                </div>
              ) : webContainer.url ? (
                <iframe
                  title={`In-browser preview of ${project.name}`}
                  src={webContainer.url}
                  // The dev server runs on StackBlitz's own origin (never this app's): its service
                  // worker needs that origin, which shares nothing with LumenForge.
                  sandbox="allow-scripts allow-same-origin allow-forms"
                  style={{ width: presetWidth, maxWidth: width === 'desktop' ? '100%' : undefined }}
                  className="mx-auto block h-[45vh] border-0 xl:h-[70vh]"
                  data-width={width}
                />
              ) : (
                <p className="p-3 text-sm text-fg-muted">{webContainer.status ?? 'Starting WebContainer…'}</p>
              )
            ) : previewError ? (
              <div className="p-3">
                <Notice tone="danger">{previewError}</Notice>
              </div>
            ) : !webContainer.canShowIgnisPreview ? (
              <div className="p-3">
                <Notice tone="warning">
                  This page is cross-origin isolated for WebContainer, and this browser cannot embed the IGNIS
                  preview in it (that needs credentialless iframes, Chromium 110 or later). Open the preview
                  in a tab, or ask the administrator to turn IGNIS_WEBCONTAINER off.
                </Notice>
              </div>
            ) : preview ? (
              <iframe
                title={`Preview of ${project.name}`}
                // Only the fragment changes with the theme: no reload, the preview keeps its state.
                src={`${preview.url}#theme=${theme}`}
                sandbox="allow-scripts"
                // In a cross-origin isolated page (IGNIS_WEBCONTAINER=on) the preview origin, which
                // sends no COEP header, can only be embedded as a credentialless iframe.
                {...(webContainer.isIsolated ? { credentialless: '' } : {})}
                style={{
                  width: presetWidth,
                  maxWidth: width === 'desktop' ? '100%' : undefined,
                  colorScheme: theme,
                }}
                className="mx-auto block h-[45vh] border-0 xl:h-[70vh]"
                data-width={width}
              />
            ) : (
              <p className="p-3 text-sm text-fg-muted">Starting the preview…</p>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
