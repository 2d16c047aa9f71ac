/**
 * The IGNITION wizard's answers as one typed document, shared by the wizard's browser code (each
 * step validated before the next), the preview and the creation API. Git credentials are never
 * part of it: they travel beside it once, for the run, and are not stored.
 */
import { z } from 'zod';
import { type TIssue, ZCoreAnswersSchema } from './answers';

export const WIZARD_STEPS = ['project', 'dependencies', 'tokens', 'git', 'deploy'] as const;
export type TWizardStep = (typeof WIZARD_STEPS)[number];

export const WIZARD_STEP_LABELS: Readonly<Record<TWizardStep, string>> = {
  project: 'Name and description',
  dependencies: 'Dependencies and options',
  tokens: 'Design tokens',
  git: 'Git repository',
  deploy: 'Deployment target',
};

/** The WAYPOINT environments a project can first deploy to. */
export const WIZARD_ENVIRONMENTS = ['dev', 'staging', 'production'] as const;

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .max(2000)
  .refine((url) => !new URL(url).username && !new URL(url).password, {
    message: 'put credentials in the token field, not in the URL',
  });

const githubName = z
  .string()
  .min(1, 'required')
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "-" and "_" only');

export const ZWizardGitSchema = z.discriminatedUnion('kind', [
  /** No remote: the project lives in the platform and can be downloaded as a zip. */
  z.strictObject({ kind: z.literal('none') }),
  /** Any Git remote over HTTPS (an empty repository that accepts the first push). */
  z.strictObject({
    kind: z.literal('remote'),
    url: httpsUrl,
    username: z.string().max(200).optional(),
    branch: z.string().min(1).max(100).default('main'),
  }),
  /** A repository IGNITION creates on GitHub (or GitHub Enterprise at `baseUrl`, its `/api/v3`). */
  z.strictObject({
    kind: z.literal('github'),
    owner: githubName,
    repository: githubName,
    private: z.boolean().default(true),
    baseUrl: httpsUrl.optional(),
    branch: z.string().min(1).max(100).default('main'),
  }),
]);
export type TWizardGit = z.infer<typeof ZWizardGitSchema>;

export const ZWizardSchema = z.strictObject({
  template: z.strictObject({ key: z.string().min(1).max(64), version: z.string().min(1).max(64) }),
  /** Core answers (name, description, dependencies) and the template's own parameters. */
  answers: ZCoreAnswersSchema.catchall(z.unknown()),
  /** The published SLATE token version the project's Tailwind theme is built from; null: the default set. */
  tokens: z.strictObject({
    tokenSetId: z.uuid().nullable(),
    version: z.int().positive().nullable(),
    theme: z.enum(['light', 'dark', 'system']).default('system'),
  }),
  git: ZWizardGitSchema,
  environment: z.enum(WIZARD_ENVIRONMENTS),
});
export type TWizard = z.infer<typeof ZWizardSchema>;

/** What travels beside the answers once, for the run: never stored, never logged. */
export const ZWizardCredentialsSchema = z.strictObject({
  gitToken: z.string().min(1).max(4000).optional(),
});
export type TWizardCredentials = z.infer<typeof ZWizardCredentialsSchema>;

/** Which step owns an issue's path (`answers.name` → project), so the wizard shows it where it happens. */
export function stepOfIssue(path: string): TWizardStep {
  if (path.startsWith('git')) return 'git';
  if (path.startsWith('tokens')) return 'tokens';
  if (path.startsWith('environment')) return 'deploy';
  if (path === 'answers.name' || path === 'answers.description' || path.startsWith('template'))
    return 'project';
  return 'dependencies';
}

/** Every issue of `input` (a whole or partial wizard document), each with the step it belongs to. */
export function wizardIssues(input: unknown): Array<TIssue & { step: TWizardStep }> {
  const result = ZWizardSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(wizard)';
    return { path, message: issue.message, step: stepOfIssue(path) };
  });
}
