/**
 * The template manifest (`template.json`): what a template is, the questions it asks (parameters as
 * a JSON Schema object) and the rules that turn its files into a project's files.
 */
import { parseSemver } from '@lumenforge/tokens';
import { z } from 'zod';

/** Answers every template gets from the wizard's first two steps; parameters may not redefine them. */
export const CORE_ANSWER_NAMES = ['name', 'description', 'dependencies'] as const;

/** Where the renderer records what a project was generated from (Copier's answers file). */
export const ANSWERS_FILE_PATH = '.lumenforge/answers.json';

/** Files whose name ends with this are rendered (and lose the suffix); others are copied byte for byte. */
export const TEMPLATE_SUFFIX = '.tmpl';

const isValidRegExp = (pattern: string) => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

const ZScalarType = z.enum(['string', 'boolean', 'number', 'integer']);
const ZEnumValue = z.union([z.string(), z.number(), z.boolean()]);

/** One question: the JSON Schema keywords the wizard can show as a form field. */
export const ZParameterSchema = z
  .strictObject({
    type: z.enum(['string', 'boolean', 'number', 'integer', 'array']),
    title: z.string().min(1).max(120).optional(),
    description: z.string().max(1000).optional(),
    default: z.unknown().optional(),
    enum: z.array(ZEnumValue).min(1).optional(),
    pattern: z.string().refine(isValidRegExp, 'pattern must be a valid regular expression').optional(),
    format: z.enum(['uri', 'email']).optional(),
    minLength: z.int().min(0).optional(),
    maxLength: z.int().min(0).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    items: z.strictObject({ type: ZScalarType, enum: z.array(ZEnumValue).min(1).optional() }).optional(),
    uniqueItems: z.boolean().optional(),
  })
  .refine((parameter) => parameter.type !== 'array' || parameter.items !== undefined, {
    message: 'an array parameter needs "items"',
    path: ['items'],
  });

/** `parameters`: a JSON Schema (draft 2020-12 subset) of type object with named properties. */
export const ZParametersSchema = z
  .strictObject({
    $schema: z.string().optional(),
    type: z.literal('object', { error: 'parameters must be a JSON Schema with "type": "object"' }),
    title: z.string().optional(),
    description: z.string().optional(),
    properties: z.record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a parameter name is a camelCase identifier'),
      ZParameterSchema,
    ),
    required: z.array(z.string()).optional(),
    additionalProperties: z.literal(false).optional(),
  })
  .superRefine((schema, context) => {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(schema.properties, name)) {
        context.addIssue({
          code: 'custom',
          path: ['required'],
          message: `required parameter "${name}" is not in properties`,
        });
      }
    }
    for (const name of CORE_ANSWER_NAMES) {
      if (Object.hasOwn(schema.properties, name)) {
        context.addIssue({
          code: 'custom',
          path: ['properties', name],
          message: `"${name}" is asked by the wizard for every template; do not redefine it`,
        });
      }
    }
  });

/** Which template files a rule applies to, where they go, and when. First matching rule wins. */
export const ZFileRuleSchema = z.strictObject({
  /** A file path under `files/` (with its `.tmpl` suffix), or a folder as `dir/**`. */
  source: z.string().min(1).max(512),
  /** Path template of the output (exact sources only); defaults to the source without `.tmpl`. */
  target: z.string().min(1).max(512).optional(),
  /** An expression over the answers (`answers.e2e`, `answers.kind == "api"`); false leaves the files out. */
  when: z.string().min(1).max(500).optional(),
});

export const ZTemplateManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'an id is kebab-case: lower-case letters, digits and dashes'),
  name: z.string().min(1).max(120),
  description: z.string().min(1).max(1000),
  version: z.string().refine((version) => !version.startsWith('v') && parseSemver(version) !== null, {
    message: 'version must be a semantic version such as 1.2.0',
  }),
  tags: z.array(z.string().min(1).max(40)).max(20).default([]),
  parameters: ZParametersSchema,
  files: z.array(ZFileRuleSchema).default([]),
});

export type TParameter = z.infer<typeof ZParameterSchema>;
export type TParameters = z.infer<typeof ZParametersSchema>;
export type TFileRule = z.infer<typeof ZFileRuleSchema>;
export type TTemplateManifest = z.infer<typeof ZTemplateManifestSchema>;

/** One file of a template as stored: text as UTF-8, anything else as base64. */
export const ZTemplateFileSchema = z.strictObject({
  path: z.string().min(1).max(512),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
});
export type TTemplateFile = z.infer<typeof ZTemplateFileSchema>;

/** A validated template: its manifest and its files (paths relative to `files/`). */
export type TTemplate = { manifest: TTemplateManifest; files: TTemplateFile[] };

/** The manifest format as JSON Schema (for editors: `"$schema"` in template.json, and the admin API). */
export function templateManifestJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ZTemplateManifestSchema, { io: 'input', unrepresentable: 'any' });
}
