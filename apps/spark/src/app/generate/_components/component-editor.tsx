'use client';
import Editor, { loader, type BeforeMount, type OnMount } from '@monaco-editor/react';
import type { TGeneratedFiles } from '@lumenforge/spark-generator';
import { FOCUS } from '@lumenforge/ui/page-parts';
import { useEffect, useRef, useState } from 'react';
import { FILE_KEYS, fileNameOf, type TFileKey } from './component-files';
import { EDITOR_COMPILER_OPTIONS } from './editor-compiler-options';

// Monaco's files come from SPARK itself (generate/monaco-editor/[...path]), never a CDN.
loader.config({ paths: { vs: '/generate/monaco-editor/vs' } });

/** One TypeScript diagnostic of the editor, as `Name.tsx:line:col message`. */
export type TEditorDiagnostic = { file: string; line: number; column: number; message: string };

type TMonacoTs = {
  typescriptDefaults: {
    setCompilerOptions: (options: Record<string, unknown>) => void;
    setDiagnosticsOptions: (options: Record<string, unknown>) => void;
    setExtraLibs: (libs: { content: string; filePath: string }[]) => void;
  };
};

let isTypeScriptConfigured = false;

/**
 * SPARK's save check's compiler options and the declarations of React and the test and story
 * libraries (served by SPARK, /generate/type-declarations); once per page.
 */
const configureTypeScript: BeforeMount = (monaco) => {
  if (isTypeScriptConfigured) return;
  isTypeScriptConfigured = true;
  const namespace = monaco as unknown as { typescript?: TMonacoTs; languages: { typescript?: TMonacoTs } };
  const ts = namespace.typescript ?? namespace.languages.typescript;
  if (!ts) return;
  ts.typescriptDefaults.setCompilerOptions(EDITOR_COMPILER_OPTIONS);
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  void fetch('/generate/type-declarations', { credentials: 'same-origin' })
    .then((response) =>
      response.ok ? (response.json() as Promise<{ files: { path: string; content: string }[] }>) : null,
    )
    .then((answer) => {
      // All at once: one restart of the TypeScript worker, not one per file.
      if (answer)
        ts.typescriptDefaults.setExtraLibs(
          answer.files.map((file) => ({ content: file.content, filePath: `file:///${file.path}` })),
        );
    })
    .catch(() => undefined);
};

type TMonaco = Parameters<OnMount>[1];
type TEditor = Parameters<OnMount>[0];

/**
 * Monaco with one tab per file of the component (one model each, so the test and story files see
 * the component's types), TypeScript diagnostics listed under it with file:line:col, and
 * `onChange` on every edit. `revision` changes when the files are replaced from outside (an
 * accepted follow-up edit, a rename): the models then take the new text.
 */
export function ComponentEditor({
  files,
  revision,
  onChange,
  theme,
}: {
  files: TGeneratedFiles;
  revision: number;
  onChange: (files: TGeneratedFiles) => void;
  theme: 'light' | 'dark';
}) {
  const [tab, setTab] = useState<TFileKey>('source');
  const [diagnostics, setDiagnostics] = useState<TEditorDiagnostic[] | null>(null);
  const monacoRef = useRef<TMonaco | null>(null);
  const editorRef = useRef<TEditor | null>(null);
  const filesRef = useRef(files);
  filesRef.current = files;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const uriOf = (name: string, key: TFileKey) => `file:///${fileNameOf(name, key)}`;

  /** Every file as a model with the given text; models of an earlier name are dropped. */
  function syncModels(monaco: TMonaco, next: TGeneratedFiles) {
    const wanted = new Set(FILE_KEYS.map((key) => uriOf(next.name, key)));
    for (const model of monaco.editor.getModels())
      if (
        model.uri.scheme === 'file' &&
        !model.uri.path.startsWith('/node_modules/') &&
        !wanted.has(model.uri.toString())
      )
        model.dispose();
    for (const key of FILE_KEYS) {
      const uri = monaco.Uri.parse(uriOf(next.name, key));
      const model = monaco.editor.getModel(uri);
      if (!model) monaco.editor.createModel(next[key], 'typescript', uri);
      else if (model.getValue() !== next[key]) model.setValue(next[key]);
    }
  }

  function readDiagnostics(monaco: TMonaco) {
    const name = filesRef.current.name;
    const list: TEditorDiagnostic[] = [];
    for (const key of FILE_KEYS) {
      const uri = monaco.Uri.parse(uriOf(name, key));
      for (const marker of monaco.editor.getModelMarkers({ resource: uri }))
        if (marker.severity >= monaco.MarkerSeverity.Error)
          list.push({
            file: fileNameOf(name, key),
            line: marker.startLineNumber,
            column: marker.startColumn,
            message: marker.message,
          });
    }
    setDiagnostics(list);
  }

  const handleMount: OnMount = (editor, monaco) => {
    monacoRef.current = monaco;
    editorRef.current = editor;
    syncModels(monaco, filesRef.current);
    const subscription = monaco.editor.onDidChangeMarkers(() => readDiagnostics(monaco));
    editor.onDidDispose(() => subscription.dispose());
    // Markers may already be there (the models existed) or come later from the worker.
    readDiagnostics(monaco);
  };

  useEffect(() => {
    const monaco = monacoRef.current;
    if (monaco) syncModels(monaco, filesRef.current);
    // Only an outside replacement (or a rename) resyncs: typing already is the model's text.
  }, [revision, files.name]);

  return (
    <section aria-label="Editor" className="flex min-w-0 flex-col rounded-lg border border-border bg-surface">
      <div
        role="tablist"
        aria-label="Component files"
        className="flex flex-wrap gap-1 border-b border-border px-2 pt-1.5"
      >
        {FILE_KEYS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => setTab(key)}
            className={`-mb-px rounded-t-md border-b-2 px-2.5 py-1.5 font-mono text-xs ${FOCUS} ${
              tab === key ? 'border-accent-500 text-fg' : 'border-transparent text-fg-muted hover:text-fg'
            }`}
          >
            {fileNameOf(files.name, key)}
          </button>
        ))}
      </div>
      <div
        className="h-[45vh] xl:h-[60vh]"
        data-testid="monaco-host"
        role="tabpanel"
        aria-label={fileNameOf(files.name, tab)}
      >
        <Editor
          path={uriOf(files.name, tab)}
          language="typescript"
          // Uncontrolled: a controlled value lags fast typing and would reset the cursor.
          defaultValue={files[tab]}
          keepCurrentModel
          theme={theme === 'dark' ? 'vs-dark' : 'light'}
          beforeMount={configureTypeScript}
          onMount={handleMount}
          onChange={(value) => onChangeRef.current({ ...filesRef.current, [tab]: value ?? '' })}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            automaticLayout: true,
            scrollBeyondLastLine: false,
            tabSize: 2,
          }}
          loading={<p className="p-3 text-sm text-fg-muted">Loading the editor…</p>}
        />
      </div>
      <div
        className="border-t border-border px-3 py-2 text-xs"
        data-testid="editor-diagnostics"
        aria-live="polite"
      >
        {diagnostics === null ? (
          <span className="text-fg-muted">Checking types…</span>
        ) : diagnostics.length === 0 ? (
          <span className="text-success-text">No TypeScript errors</span>
        ) : (
          <ul className="space-y-0.5 font-mono text-danger-text" aria-label="TypeScript errors">
            {diagnostics.map((diagnostic) => (
              <li key={`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${diagnostic.message}`}>
                {diagnostic.file}:{diagnostic.line}:{diagnostic.column} {diagnostic.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
