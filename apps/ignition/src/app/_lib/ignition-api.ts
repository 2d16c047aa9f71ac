// The answers of IGNITION's HTTP API as its pages read them (docs: /work/coord/IGNITION-CONTRACT.md).
// Browser code: types and pure helpers only.
// Type-only: the data-access lib is server code, its types are what the API sends.
import type {
  TDependencyCheck,
  TIgnitionTask,
  TTaskLogLine,
  TTaskStatus,
  TTaskStep,
  TTaskStepStatus,
  TTemplateSummary,
} from '@lumenforge/ignition-data-access';
import type { TParameters, TWizardStep } from '@lumenforge/ignition-templates';

export type { TDependencyCheck, TTaskLogLine, TTaskStatus, TTaskStep, TTaskStepStatus };

/** A template in the gallery (`GET /api/templates`). */
export type TTemplateCard = TTemplateSummary;

/** One version of a template, as the wizard needs it (`GET /api/templates/:key`). */
export type TTemplateDetail = TTemplateCard & {
  version: string;
  parametersSchema: TParameters;
  defaults: Record<string, unknown>;
  files: Array<{ path: string }>;
};

/** A published SLATE token version (`GET /api/token-versions`), newest first. */
export type TTokenVersion = {
  tokenSetId: string;
  setName: string;
  number: number;
  semver: string;
  publishedAt: string;
};

export type TNameCheck = { name: string; available: boolean; problems: string[] };

export type TPreviewFile = { path: string; size: number; encoding: 'utf8' | 'base64' };
export type TPreviewIssue = { path: string; message: string; step?: TWizardStep };
export type TPreview = {
  files: TPreviewFile[];
  file: { path: string; content: string } | null;
  issues: TPreviewIssue[];
};

/** A task as `GET /api/tasks/:id` and its stream send it (the repository's own shape). */
export type TTask = TIgnitionTask;

export const FINISHED_TASK_STATUSES: ReadonlySet<TTaskStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** Steps of a create that talk to a Git remote: a retry needs the token again. */
export const GIT_TASK_STEPS: ReadonlySet<string> = new Set(['repository', 'push']);
