/**
 * Answers: the wizard's core answers (name, description, extra dependencies) plus the template's
 * own parameters, validated against its JSON Schema (converted with zod's `fromJSONSchema`).
 */
import { z } from 'zod';
import { npmPackageNameProblems } from './npm-package-name';
import { CORE_ANSWER_NAMES, type TParameters } from './template-manifest.schema';

export type TIssue = { path: string; message: string };

/** An npm dependency the user added in the wizard's second step (checked for existence there). */
export const ZDependencySchema = z.strictObject({
  name: z.string().superRefine((name, context) => {
    for (const problem of npmPackageNameProblems(name))
      context.addIssue({ code: 'custom', message: problem });
  }),
  version: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.^~<>=| *-]+$/, 'version must be an npm version or range such as ^1.2.0'),
});

export const ZCoreAnswersSchema = z.object({
  name: z.string({ error: 'name is required' }).superRefine((name, context) => {
    for (const problem of npmPackageNameProblems(name))
      context.addIssue({ code: 'custom', message: problem });
  }),
  description: z.string().max(500).default(''),
  dependencies: z
    .array(ZDependencySchema)
    .max(100)
    .default([])
    .refine((list) => new Set(list.map((dependency) => dependency.name)).size === list.length, {
      message: 'a dependency is listed twice',
    }),
});

export type TDependency = z.infer<typeof ZDependencySchema>;
export type TAnswers = z.infer<typeof ZCoreAnswersSchema> & Record<string, unknown>;

/** Thrown by `renderProject` for answers that do not fit the template (an API answers 400). */
export class AnswersValidationError extends Error {
  readonly status = 400;
  constructor(readonly issues: TIssue[]) {
    super(`invalid answers: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'AnswersValidationError';
  }
}

function toIssues(error: z.ZodError, prefix: string): TIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** The zod schema of a template's parameters (defaults applied on parse). */
export function parametersZodSchema(parameters: TParameters): z.ZodType {
  return z.fromJSONSchema({ ...parameters, $schema: undefined } as Parameters<typeof z.fromJSONSchema>[0]);
}

/**
 * Validates answers for a template: `{ answers }` with defaults filled in, or `{ issues }` naming
 * each answer (`answers.name`, `answers.e2e`) and what is wrong with it.
 */
export function validateAnswers(
  parameters: TParameters,
  input: unknown,
): { answers: TAnswers; issues: null } | { answers: null; issues: TIssue[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { answers: null, issues: [{ path: 'answers', message: 'answers must be an object' }] };
  }
  const core: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if ((CORE_ANSWER_NAMES as readonly string[]).includes(key)) core[key] = value;
    else rest[key] = value;
  }
  const coreResult = ZCoreAnswersSchema.safeParse(core);
  const parametersResult = parametersZodSchema(parameters).safeParse(rest);
  const issues = [
    ...(coreResult.success ? [] : toIssues(coreResult.error, 'answers')),
    ...(parametersResult.success ? [] : toIssues(parametersResult.error, 'answers')),
  ];
  if (!coreResult.success || !parametersResult.success) return { answers: null, issues };
  return {
    answers: { ...(parametersResult.data as Record<string, unknown>), ...coreResult.data },
    issues: null,
  };
}

/** Answers built from the parameters' defaults (a sample for checks and the wizard's first preview). */
export function defaultAnswers(parameters: TParameters, name = 'example-app'): Record<string, unknown> {
  const answers: Record<string, unknown> = { name, description: 'An example project', dependencies: [] };
  for (const [key, parameter] of Object.entries(parameters.properties)) {
    if (parameter.default !== undefined) answers[key] = parameter.default;
    else if (parameter.enum) answers[key] = parameter.enum[0];
    else if (parameter.type === 'boolean') answers[key] = false;
    else if (parameter.type === 'array') answers[key] = [];
    else if (parameter.type === 'string')
      answers[key] = parameter.minLength ? 'x'.repeat(parameter.minLength) : '';
    else answers[key] = parameter.minimum ?? 0;
  }
  return answers;
}
