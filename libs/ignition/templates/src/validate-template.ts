/**
 * Checking a template before it is accepted (an admin's upload, the built-in loader): the manifest's
 * shape, its parameters schema and defaults, every rule, path template and text template, and a
 * sample render with the defaults and with every yes/no answer flipped (so both sides of each
 * condition produce valid paths and valid JSON).
 */
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { z } from 'zod';
import { defaultAnswers, parametersZodSchema, type TIssue, validateAnswers } from './answers';
import { compileTemplate, renderValidated, TemplateError } from './render-project';
import {
  type TTemplate,
  ZTemplateFileSchema,
  ZTemplateManifestSchema,
  type TParameters,
} from './template-manifest.schema';

function zodIssues(error: z.ZodError, prefix: string): TIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
    message: issue.message,
  }));
}

function parameterIssues(parameters: TParameters): TIssue[] {
  try {
    parametersZodSchema(parameters);
  } catch (error) {
    return [
      { path: 'manifest.parameters', message: `not a usable JSON Schema: ${(error as Error).message}` },
    ];
  }
  const issues: TIssue[] = [];
  for (const [name, parameter] of Object.entries(parameters.properties)) {
    if (parameter.default === undefined) continue;
    const result = z
      .fromJSONSchema(parameter as Parameters<typeof z.fromJSONSchema>[0])
      .safeParse(parameter.default);
    if (!result.success) {
      issues.push({
        path: `manifest.parameters.properties.${name}.default`,
        message: `the default does not fit the parameter: ${result.error.issues[0]?.message ?? 'invalid'}`,
      });
    }
  }
  return issues;
}

function sampleRenderIssues(template: TTemplate): TIssue[] {
  try {
    compileTemplate(template);
  } catch (error) {
    if (error instanceof TemplateError) return error.issues;
    throw error;
  }
  const { parameters } = template.manifest;
  const defaults = defaultAnswers(parameters);
  const flipped = { ...defaults };
  for (const [name, parameter] of Object.entries(parameters.properties)) {
    if (parameter.type === 'boolean') flipped[name] = !defaults[name];
  }
  const context = { tokens: { set: loadDefaultTokenSet(), version: null, semver: null } };
  for (const [label, sample] of [
    ['defaults', defaults],
    ['yes/no answers flipped', flipped],
  ] as const) {
    const result = validateAnswers(parameters, sample);
    if (!result.answers) {
      return result.issues.map((issue) => ({
        path: 'manifest.parameters',
        message: `sample answers (${label}): ${issue.message}`,
      }));
    }
    try {
      renderValidated(template, result.answers, context);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return error.issues.map((issue) => ({
        ...issue,
        message: `${issue.message} (rendered with ${label})`,
      }));
    }
  }
  return [];
}

/**
 * Validates a template's manifest and files. Never throws: returns the template, or `null` with
 * every problem as `{ path, message }` (`manifest.version`, `manifest.files[2].source`,
 * `files/src/page.tsx.tmpl:12:5`).
 */
export function validateTemplate(
  manifest: unknown,
  files: unknown,
): { template: TTemplate; issues: [] } | { template: null; issues: TIssue[] } {
  const manifestResult = ZTemplateManifestSchema.safeParse(manifest);
  const filesResult = z.array(ZTemplateFileSchema).max(2000).safeParse(files);
  const issues = [
    ...(manifestResult.success
      ? parameterIssues(manifestResult.data.parameters)
      : zodIssues(manifestResult.error, 'manifest')),
    ...(filesResult.success ? [] : zodIssues(filesResult.error, 'files')),
  ];
  if (!manifestResult.success || !filesResult.success || issues.length > 0) return { template: null, issues };
  const template: TTemplate = { manifest: manifestResult.data, files: filesResult.data };
  const renderIssues = sampleRenderIssues(template);
  return renderIssues.length > 0 ? { template: null, issues: renderIssues } : { template, issues: [] };
}
