'use client';
import { ZComponentNameSchema } from '@lumenforge/db';
import type {
  TComponentPlan,
  TGeneratedFiles,
  TGeneratorId,
  TMergeConflict,
} from '@lumenforge/spark-generator';
import { fieldIssue, type TApiProblem } from '@lumenforge/ui/api-client';
import { Badge, BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import { LineDiff } from '@lumenforge/ui/line-diff';
import { mergeFollowUp } from '../merge-follow-up';
import { useRouter } from 'next/navigation';
import { ComponentDetailsFields, type TComponentDetails } from '../../_components/component-details-fields';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ComponentEditor } from './component-editor';
import { FILE_KEYS, fileNameOf } from './component-files';
import {
  requestEdit,
  requestTestRun,
  saveComponent,
  type TComponentCheckResult,
  type TEditAnswer,
  type TTestRun,
} from './generation-api';
import {
  PreviewFrame,
  PreviewToolbar,
  useLivePreview,
  type TPreviewHandle,
  type TPreviewWidth,
} from './live-preview';
import { MergeConflicts } from './merge-conflicts';
import { previewSourceFor, type TPreviewVariation } from './preview-files';
import { problemAbout, ProblemNotice } from './problem-notice';
import { renameComponent, renameProblem } from './prompt-rules';
import { CheckBadge } from './variation-card';

export type TChosenComponent = {
  variationId: string;
  /** Every variation of the generation: the preview session shows them all, this one edited. */
  variations: TPreviewVariation[];
  files: TGeneratedFiles;
  check: TComponentCheckResult;
  label: string;
  preview: TPreviewHandle | null;
};

/**
 * The chosen variation, to refine and save: Monaco (source, tests, stories) beside its live
 * preview (updated on every edit, no reload), the generated tests run on demand, follow-up prompts
 * shown as a diff to accept or discard, and "Save" → version 1 in the library.
 */
export function ComponentWorkbench({
  chosen,
  plan,
  prompt,
  generator,
  signInUrl,
}: {
  chosen: TChosenComponent;
  plan: TComponentPlan;
  prompt: string;
  generator: TGeneratorId;
  signInUrl: string;
}) {
  const router = useRouter();
  const formId = useId();
  const [files, setFiles] = useState(chosen.files);
  const [check, setCheck] = useState(chosen.check);
  const [currentPlan, setCurrentPlan] = useState<TComponentPlan | null>(plan);
  const [revision, setRevision] = useState(0);
  const [width, setWidth] = useState<TPreviewWidth>('desktop');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const previewSource = useMemo(
    () =>
      previewSourceFor(
        chosen.variations.map((variation) =>
          variation.id === chosen.variationId ? { id: variation.id, files } : variation,
        ),
      ),
    [chosen.variations, chosen.variationId, files],
  );
  const preview = useLivePreview(previewSource, chosen.preview);

  const [testRun, setTestRun] = useState<{
    isRunning: boolean;
    result: TTestRun | null;
    problem: TApiProblem | null;
    ranOn: TGeneratedFiles | null;
  }>({
    isRunning: false,
    result: null,
    problem: null,
    ranOn: null,
  });

  const [instruction, setInstruction] = useState('');
  const [isEditing, setIsEditing] = useState(false);
  const [editProblem, setEditProblem] = useState<TApiProblem | null>(null);
  const [proposal, setProposal] = useState<(TEditAnswer & { basedOn: TGeneratedFiles }) | null>(null);
  // Where the last accepted follow-up met the person's own edits (their lines were kept).
  const [conflicts, setConflicts] = useState<TMergeConflict[]>([]);

  const [details, setDetails] = useState<TComponentDetails>({
    name: chosen.files.name,
    description: plan.summary,
    category: plan.kind,
  });
  const [isSaving, setIsSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<TApiProblem | null>(null);

  const nameCheck = ZComponentNameSchema.safeParse(details.name);
  // A name the files already use for something else cannot be renamed to (it would clash).
  const clash = nameCheck.success ? renameProblem(files, nameCheck.data) : null;
  const nameError =
    (nameCheck.success ? null : (nameCheck.error.issues[0]?.message ?? 'Invalid name')) ??
    clash ??
    (saveProblem?.status === 409 ? saveProblem.message : null) ??
    saveProblem?.issues.find((issue) => issue.path === 'name')?.message ??
    null;
  // 422: the save check's problems, `Name.tsx:line:col message`, shown beside the editor.
  const checkIssues =
    saveProblem && saveProblem.status !== 409
      ? saveProblem.issues.filter((issue) =>
          ['source', 'tests', 'stories'].includes(issue.path.split('.')[0] ?? ''),
        )
      : [];

  function replaceFiles(next: TGeneratedFiles) {
    setFiles(next);
    setRevision((count) => count + 1);
  }

  async function handleRunTests() {
    const ranOn = files;
    setTestRun((current) => ({ ...current, isRunning: true, problem: null }));
    const result = await requestTestRun(ranOn);
    setTestRun(
      result.ok
        ? { isRunning: false, result: result.data, problem: null, ranOn }
        : { isRunning: false, result: null, problem: result.problem, ranOn: null },
    );
  }

  async function handleFollowUp(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (!instruction.trim()) {
      setEditProblem({
        status: 400,
        error: 'invalid_request',
        message: 'Say what to change, e.g. “add a loading state”.',
        issues: [],
      });
      return;
    }
    const basedOn = files;
    setIsEditing(true);
    setEditProblem(null);
    setProposal(null);
    setConflicts([]);
    const result = await requestEdit({ instruction: instruction.trim(), files: basedOn, plan: currentPlan });
    setIsEditing(false);
    if (!result.ok) setEditProblem(problemAbout(problemAbout(result.problem, 'instruction'), 'files'));
    else setProposal({ ...result.data, basedOn });
  }

  async function handleAccept() {
    if (!proposal) return;
    // Edits typed while the follow-up was prepared are merged in on the server (mergeEdit).
    const merged =
      files === proposal.basedOn
        ? { files: proposal.files, conflicts: [] }
        : await mergeFollowUp({ basedOn: proposal.basedOn, proposed: proposal.files, current: files });
    const accepted = { files: merged.files, conflicts: [...(proposal.conflicts ?? []), ...merged.conflicts] };
    replaceFiles(accepted.files);
    setConflicts(accepted.conflicts);
    setCheck(proposal.check);
    setCurrentPlan(proposal.plan);
    setDetails((current) => ({ ...current, name: accepted.files.name }));
    setProposal(null);
    setInstruction('');
  }

  async function handleSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaveProblem(null);
    if (!nameCheck.success || clash) return;
    const toSave = renameComponent(files, nameCheck.data);
    if (toSave !== files) replaceFiles(toSave);
    setIsSaving(true);
    const result = await saveComponent({
      name: toSave.name,
      description: details.description,
      ...(details.category.trim() ? { category: details.category.trim() } : {}),
      source: toSave.source,
      tests: toSave.tests,
      stories: toSave.stories,
      prompt,
      generator,
      plan: currentPlan && { ...currentPlan, name: toSave.name },
    });
    if (!result.ok) {
      setIsSaving(false);
      setSaveProblem(result.problem);
      return;
    }
    // Stays disabled while the component's page loads.
    router.push(`/components/${result.data.component.id}`);
  }

  const areTestsStale = testRun.result !== null && testRun.ranOn !== files;

  return (
    <section aria-labelledby="workbench-title" className="space-y-4" data-testid="workbench">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="workbench-title" className="text-base font-semibold">
          {files.name} <span className="font-normal text-fg-muted">({chosen.label})</span>
        </h2>
        <CheckBadge check={check} />
      </div>
      {check.problems.length > 0 ? (
        <Notice tone="warning">
          <ul className="space-y-0.5 font-mono text-xs">
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <div className="grid gap-4 xl:grid-cols-2">
        <div className="min-w-0 space-y-2">
          <ComponentEditor
            files={files}
            revision={revision}
            onChange={(next) => {
              setFiles(next);
              // The save check's problems were about the code before this edit.
              if (saveProblem?.status === 422) setSaveProblem(null);
            }}
            theme={theme}
          />
          {checkIssues.length > 0 ? (
            <div data-testid="save-check-problems">
              <Notice tone="danger">
                <p className="font-medium">{saveProblem?.message}</p>
                <ul className="mt-1 space-y-0.5 font-mono text-xs">
                  {checkIssues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
                  ))}
                </ul>
              </Notice>
            </div>
          ) : null}
        </div>

        <section aria-label="Live preview" className="flex min-w-0 flex-col gap-2">
          <PreviewToolbar
            width={width}
            onWidthChange={setWidth}
            theme={theme}
            onThemeChange={setTheme}
            url={preview.session?.url ?? null}
          />
          <div className="overflow-auto rounded-lg border border-border bg-surface-sunken">
            <PreviewFrame
              preview={preview}
              title={`Live preview of ${files.name}`}
              signInUrl={signInUrl}
              variation={chosen.variationId}
              width={width}
              theme={theme}
              heightClass="h-[45vh] xl:h-[60vh]"
              testId="workbench-preview"
            />
          </div>
          <p className="text-xs text-fg-muted" aria-live="polite" data-testid="preview-status">
            {preview.isUpdating
              ? 'Updating the preview…'
              : preview.updates > 0
                ? `Preview updated (${preview.updates} ${preview.updates === 1 ? 'edit' : 'edits'}, no reload).`
                : 'Edits reach the preview as you type.'}
          </p>

          <section aria-labelledby="tests-title" className="rounded-lg border border-border bg-surface p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id="tests-title" className="text-sm font-semibold">
                Tests
              </h3>
              <button
                type="button"
                className={BUTTON_SECONDARY}
                onClick={() => void handleRunTests()}
                disabled={testRun.isRunning}
              >
                {testRun.isRunning ? 'Running…' : 'Run tests'}
              </button>
            </div>
            {testRun.problem ? (
              <div className="mt-2">
                <ProblemNotice
                  problem={testRun.problem}
                  signInUrl={signInUrl}
                  onRetry={() => void handleRunTests()}
                />
              </div>
            ) : null}
            {testRun.result ? (
              <div className="mt-2 space-y-1 text-xs" data-testid="test-results">
                <p>
                  <Badge tone={testRun.result.failed === 0 ? 'success' : 'danger'} testId="test-summary">
                    {testRun.result.passed} passed, {testRun.result.failed} failed
                  </Badge>{' '}
                  <span className="text-fg-muted">in {(testRun.result.durationMs / 1000).toFixed(1)} s</span>
                  {areTestsStale ? (
                    <span className="ml-2 text-warning-text">The files changed since this run.</span>
                  ) : null}
                </p>
                <ul className="space-y-0.5">
                  {testRun.result.tests.map((test, index) => (
                    <li key={`${index}-${test.name}`} data-testid="test-result" data-status={test.status}>
                      <span
                        className={
                          test.status === 'passed'
                            ? 'text-success-text'
                            : test.status === 'failed'
                              ? 'text-danger-text'
                              : 'text-fg-muted'
                        }
                      >
                        {test.status === 'passed' ? '✓' : test.status === 'failed' ? '✗' : '–'} {test.status}
                      </span>{' '}
                      {test.name}
                      {test.message ? (
                        <pre className="mt-0.5 whitespace-pre-wrap text-danger-text">{test.message}</pre>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : !testRun.problem ? (
              <p className="mt-1 text-xs text-fg-muted">
                Runs {fileNameOf(files.name, 'tests')} (Vitest, happy-dom) on the server.
              </p>
            ) : null}
          </section>
        </section>
      </div>

      <section
        aria-labelledby="follow-up-title"
        className="space-y-3 rounded-lg border border-border bg-surface p-4"
      >
        <h3 id="follow-up-title" className="text-sm font-semibold">
          Follow-up
        </h3>
        <form
          onSubmit={(event) => void handleFollowUp(event)}
          noValidate
          aria-label="Follow-up"
          className="flex flex-wrap items-end gap-2"
        >
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor={`${formId}-instruction`} className={LABEL}>
              Change the component
            </label>
            <input
              id={`${formId}-instruction`}
              value={instruction}
              onChange={(event) => setInstruction(event.target.value)}
              placeholder="add a loading state"
              className={`${INPUT} mt-1`}
              maxLength={4000}
            />
          </div>
          <button type="submit" className={BUTTON_PRIMARY} disabled={isEditing || proposal !== null}>
            {isEditing ? 'Applying…' : 'Apply'}
          </button>
        </form>
        {editProblem ? (
          <ProblemNotice problem={editProblem} signInUrl={signInUrl} onRetry={() => void handleFollowUp()} />
        ) : null}
        {!proposal ? <MergeConflicts name={files.name} conflicts={conflicts} /> : null}
        {proposal ? (
          <div className="space-y-3" data-testid="edit-proposal">
            {proposal.basedOn !== files ? (
              <Notice tone="warning">
                You edited the files since asking: accepting merges this proposal into your edits.
              </Notice>
            ) : null}
            <ul className="list-disc pl-5 text-sm" aria-label="Changes">
              {proposal.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
            {proposal.notices.map((notice) => (
              <Notice key={notice} tone="info">
                {notice}
              </Notice>
            ))}
            <div className="flex flex-wrap items-center gap-2">
              <CheckBadge check={proposal.check} />
            </div>
            <MergeConflicts name={proposal.files.name} conflicts={proposal.conflicts ?? []} />
            {FILE_KEYS.map((key) => (
              <LineDiff
                key={key}
                fileName={fileNameOf(proposal.files.name, key)}
                lines={proposal.diff[key]}
              />
            ))}
            <div className="flex gap-2">
              <button type="button" className={BUTTON_PRIMARY} onClick={() => void handleAccept()}>
                Accept
              </button>
              <button type="button" className={BUTTON_SECONDARY} onClick={() => setProposal(null)}>
                Discard
              </button>
            </div>
          </div>
        ) : null}
      </section>

      <form
        onSubmit={(event) => void handleSave(event)}
        noValidate
        aria-label="Save component"
        className="space-y-4 rounded-lg border border-border bg-surface p-4"
      >
        <h3 className="text-sm font-semibold">Save to the library</h3>
        {saveProblem && !nameError && checkIssues.length === 0 ? (
          <ProblemNotice problem={saveProblem} signInUrl={signInUrl} testId="save-error" />
        ) : null}
        <ComponentDetailsFields
          formId={formId}
          values={details}
          errors={{
            name: nameError,
            category: fieldIssue(saveProblem, 'category'),
            description: fieldIssue(saveProblem, 'description'),
          }}
          onChange={(field, value) => {
            setDetails((current) => ({ ...current, [field]: value }));
            if (field === 'name' && saveProblem?.status === 409) setSaveProblem(null);
          }}
          nameHint="Changing it renames the component in all three files when you save."
          nameErrorTestId="save-name-error"
        />
        <button type="submit" className={BUTTON_PRIMARY} disabled={isSaving}>
          {isSaving ? 'Saving…' : 'Save component'}
        </button>
      </form>
    </section>
  );
}
