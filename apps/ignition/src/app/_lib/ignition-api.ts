// The answers of IGNITION's HTTP API as its pages read them (docs: /work/coord/IGNITION-CONTRACT.md).
// Browser code: types and pure helpers only.
import type { TParameters, TWizardStep } from '@lumenforge/ignition-templates';

/** A template in the gallery (`GET /api/templates`). */
export type TTemplateCard = {
  id: string;
  key: string;
  name: string;
  description: string;
  latestVersion: string;
  builtIn: boolean;
  tags: string[];
  fileCount: number;
  updatedAt: string;
};

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

export type TDependencyCheck = {
  name: string;
  exists: boolean;
  version: string | null;
  license: string | null;
  licenseAllowed: boolean;
  message?: string;
};

export type TPreviewFile = { path: string; size: number; encoding: 'utf8' | 'base64' };
export type TPreviewIssue = { path: string; message: string; step?: TWizardStep };
export type TPreview = {
  files: TPreviewFile[];
  file: { path: string; content: string } | null;
  issues: TPreviewIssue[];
};

export type TTaskStepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type TTaskStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type TTaskStep = {
  id: string;
  label: string;
  status: TTaskStepStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
};

export type TTask = {
  id: string;
  status: TTaskStatus;
  kind: string;
  steps: TTaskStep[];
  projectId: string | null;
  projectSlug: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** 0..1 */
  progress: number;
};

export type TTaskLogLine = { id: string | number; step: string; stream: string; line: string; at: string };

export const FINISHED_TASK_STATUSES: ReadonlySet<TTaskStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** Steps of a create that talk to a Git remote: a retry needs the token again. */
export const GIT_TASK_STEPS: ReadonlySet<string> = new Set(['repository', 'push']);
