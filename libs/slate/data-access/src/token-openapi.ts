/**
 * The OpenAPI 3.1 document of SLATE's token API (`GET /api/openapi.json`). Request bodies come
 * from the same zod schemas the routes parse with, so the document cannot drift from them.
 */
import { THEME_NAMES, TOKEN_CATEGORIES, TOKEN_CHANGE_KINDS } from '@lumenforge/tokens';
import { z } from 'zod';
import {
  ZOperationsBodySchema,
  ZPublishInputSchema,
  ZReplaceDraftSchema,
  ZRestoreInputSchema,
  ZValidateBodySchema,
} from './token-api.schema';
import { TOKEN_EXPORT_FORMATS } from './token-api.types';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: object) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: jsonContent(ref('Error')) });

const STANDARD_ERRORS = {
  '400': errorResponse('Invalid query or body; `issues` names each field'),
  '401': errorResponse('No valid session or Bearer token'),
  '403': errorResponse('The role lacks the permission, or a write came from another origin'),
  '429': errorResponse('Too many writes from this address; see Retry-After'),
  '503': errorResponse('The database is unreachable; retry'),
};
const WRITE_ERRORS = {
  ...STANDARD_ERRORS,
  '409': errorResponse('Someone saved or published meanwhile (`expectedUpdatedAt`), or nothing to publish'),
  '422': errorResponse('The tokens are invalid: `issues` lists every problem with its token path'),
};

const versionParameter = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { oneOf: [{ type: 'integer', minimum: 1 }, { const: 'draft' }] },
});

const READ_PARAMETERS = [
  {
    name: 'theme',
    in: 'query',
    required: false,
    description: 'Resolver modifier input: which theme the tokens are resolved in',
    schema: { enum: [...THEME_NAMES], default: 'light' },
  },
  {
    name: 'format',
    in: 'query',
    required: false,
    description:
      'json: token entries; css: CSS variables for the theme; tailwind: Tailwind v4 @theme CSS; ts: a TypeScript module; dtcg: the DTCG JSON bundle',
    schema: { enum: [...TOKEN_EXPORT_FORMATS], default: 'json' },
  },
  {
    name: 'resolved',
    in: 'query',
    required: false,
    description: 'json only: literal values (true) or values as written, aliases included (false)',
    schema: { type: 'boolean', default: true },
  },
  versionParameter('version', 'A published version number or `draft`; default the latest published version'),
];

const CACHED_READ = {
  '200': {
    description:
      'The tokens. ETag on every answer; a numbered version is immutable (max-age one year), the latest is revalidated (no-cache), the draft is not stored',
    headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
    content: {
      ...jsonContent(ref('TokenEntries')),
      'text/css': { schema: { type: 'string' } },
      'text/plain': { schema: { type: 'string' } },
    },
  },
  '304': { description: 'Not modified (If-None-Match matched the ETag)' },
  ...STANDARD_ERRORS,
  '404': errorResponse('No such version'),
};

const TOKEN_ENTRY = {
  type: 'object',
  required: ['path', 'type', 'value', 'cssVariable', 'css'],
  properties: {
    path: { type: 'string', examples: ['color.bg'] },
    type: { type: 'string', examples: ['color'] },
    value: { description: 'Resolved literal, or the value as written (aliases like "{color.neutral.50}")' },
    aliasOf: { type: 'string' },
    description: { type: 'string' },
    deprecated: { oneOf: [{ type: 'boolean' }, { type: 'string' }] },
    cssVariable: { type: 'string', examples: ['--color-bg'] },
    tailwindClass: { type: 'string', examples: ['bg-bg'] },
    css: { type: 'string', description: 'The value as CSS text' },
  },
};

const VERSION_SUMMARY = {
  type: 'object',
  required: ['number', 'semver', 'changelog', 'publishedAt', 'bump', 'isBreaking'],
  properties: {
    number: { type: 'integer', minimum: 1 },
    semver: { type: 'string', examples: ['1.2.0'] },
    changelog: { type: 'string' },
    author: {
      oneOf: [
        { type: 'null' },
        { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      ],
    },
    publishedAt: { type: 'string', format: 'date-time' },
    summary: { type: 'object', additionalProperties: { type: 'integer' } },
    bump: { enum: ['major', 'minor', 'patch', 'none'] },
    isBreaking: { type: 'boolean' },
    restoredFrom: { oneOf: [{ type: 'null' }, { type: 'integer' }] },
  },
};

const DIFF = {
  type: 'object',
  required: ['changes', 'summary', 'bump', 'isBreaking'],
  properties: {
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'path', 'theme'],
        properties: {
          kind: { enum: [...TOKEN_CHANGE_KINDS] },
          path: { type: 'string' },
          theme: { oneOf: [{ type: 'null' }, { enum: [...THEME_NAMES] }] },
          previousPath: { type: 'string' },
          before: {},
          after: {},
        },
      },
    },
    summary: { type: 'object', additionalProperties: { type: 'integer' } },
    bump: { enum: ['major', 'minor', 'patch', 'none'] },
    isBreaking: { type: 'boolean' },
  },
};

const ISSUE = {
  type: 'object',
  required: ['path', 'message'],
  properties: {
    path: { type: 'string', examples: ['color.bg.$value.components.0'] },
    message: { type: 'string' },
    theme: { enum: [...THEME_NAMES] },
    rule: { enum: ['shape', 'name', 'type', 'alias', 'cycle', 'type-mismatch', 'contrast'] },
    severity: { const: 'error' },
  },
};

const DRAFT = {
  type: 'object',
  required: ['set', 'updatedAt', 'issues', 'diff', 'proposedSemver', 'hasChanges'],
  properties: {
    set: ref('TokenSet'),
    basedOn: { oneOf: [{ type: 'null' }, { type: 'integer' }] },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: VERSION_SUMMARY.properties.author,
    issues: { type: 'array', items: ref('Issue') },
    diff: ref('Diff'),
    proposedSemver: { type: 'string' },
    hasChanges: { type: 'boolean' },
  },
};

const op = <TExtra extends Record<string, unknown>>(
  summary: string,
  permission: 'tokens.read' | 'tokens.write',
  extra: TExtra,
) => ({
  summary,
  description: `Needs the \`${permission}\` permission.`,
  security: [{ session: [] }, { bearer: [] }],
  ...extra,
});

/** The document; `serverUrl` is SLATE's public origin. */
export function tokenApiOpenApiDocument(serverUrl: string) {
  const categories = Object.keys(TOKEN_CATEGORIES);
  return {
    openapi: '3.1.0',
    info: {
      title: 'SLATE token API',
      version: '1.0.0',
      description:
        "The Luminera design tokens (W3C DTCG 2025.10) of the signed-in user's workspace: read any published version or the draft in a theme and format; edit, validate, import, publish and restore under `tokens.write`. Publishing emits `wissil.tokens.updated`.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/tokens': {
        get: op('The whole token set', 'tokens.read', {
          parameters: READ_PARAMETERS,
          responses: CACHED_READ,
        }),
      },
      '/api/tokens/{category}': {
        get: op('One category of tokens', 'tokens.read', {
          parameters: [
            { name: 'category', in: 'path', required: true, schema: { enum: categories } },
            ...READ_PARAMETERS,
          ],
          responses: CACHED_READ,
        }),
      },
      '/api/tokens/export': {
        get: op('The same as /api/tokens as a file download (Content-Disposition)', 'tokens.read', {
          parameters: READ_PARAMETERS,
          responses: CACHED_READ,
        }),
      },
      '/api/tokens/draft': {
        get: op('The draft with its issues, diff and proposed version', 'tokens.read', {
          responses: {
            '200': { description: 'The draft', content: jsonContent(ref('Draft')) },
            ...STANDARD_ERRORS,
          },
        }),
        patch: op('Edit the draft: set, remove or rename tokens', 'tokens.write', {
          requestBody: { required: true, content: jsonContent(jsonSchema(ZOperationsBodySchema)) },
          responses: {
            '200': { description: 'The saved draft', content: jsonContent(ref('Draft')) },
            ...WRITE_ERRORS,
          },
        }),
        put: op('Replace the whole draft', 'tokens.write', {
          requestBody: { required: true, content: jsonContent(jsonSchema(ZReplaceDraftSchema)) },
          responses: {
            '200': { description: 'The saved draft', content: jsonContent(ref('Draft')) },
            ...WRITE_ERRORS,
          },
        }),
        delete: op('Discard the draft (back to the latest published version)', 'tokens.write', {
          responses: {
            '200': { description: 'The reset draft', content: jsonContent(ref('Draft')) },
            ...WRITE_ERRORS,
          },
        }),
      },
      '/api/tokens/validate': {
        post: op('Validate edits against the draft without saving (live validation)', 'tokens.read', {
          requestBody: { required: true, content: jsonContent(jsonSchema(ZValidateBodySchema)) },
          responses: {
            '200': {
              description: 'Issues, diff and proposed version of the draft with the edits applied',
              content: jsonContent({
                type: 'object',
                properties: {
                  issues: { type: 'array', items: ref('Issue') },
                  diff: ref('Diff'),
                  proposedSemver: { type: 'string' },
                },
              }),
            },
            ...STANDARD_ERRORS,
          },
        }),
      },
      '/api/tokens/import': {
        post: op(
          'Import DTCG JSON (bundle, single file or resolver document) as the draft; all or nothing',
          'tokens.write',
          {
            requestBody: { required: true, content: jsonContent({ description: 'A DTCG document' }) },
            responses: {
              '200': { description: 'The new draft', content: jsonContent(ref('Draft')) },
              ...WRITE_ERRORS,
            },
          },
        ),
      },
      '/api/tokens/publish': {
        post: op('Publish the draft as the next version', 'tokens.write', {
          requestBody: { required: true, content: jsonContent(jsonSchema(ZPublishInputSchema)) },
          responses: {
            '201': {
              description: 'The new version',
              content: jsonContent({ type: 'object', properties: { version: ref('VersionSummary') } }),
            },
            ...WRITE_ERRORS,
          },
        }),
      },
      '/api/tokens/versions': {
        get: op('Every published version, newest first', 'tokens.read', {
          responses: {
            '200': {
              description: 'The versions',
              content: jsonContent({
                type: 'object',
                properties: { versions: { type: 'array', items: ref('VersionSummary') } },
              }),
            },
            ...STANDARD_ERRORS,
          },
        }),
      },
      '/api/tokens/versions/{version}': {
        get: op('One version with its token set and diff (immutable)', 'tokens.read', {
          parameters: [
            { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            '200': {
              description: 'The version',
              content: jsonContent({
                allOf: [
                  ref('VersionSummary'),
                  { type: 'object', properties: { set: ref('TokenSet'), diff: ref('Diff') } },
                ],
              }),
            },
            '304': { description: 'Not modified' },
            ...STANDARD_ERRORS,
            '404': errorResponse('No such version'),
          },
        }),
      },
      '/api/tokens/versions/{version}/restore': {
        post: op("Publish an older version's content as a new version", 'tokens.write', {
          parameters: [
            { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          ],
          requestBody: { required: false, content: jsonContent(jsonSchema(ZRestoreInputSchema)) },
          responses: {
            '201': {
              description: 'The new version',
              content: jsonContent({ type: 'object', properties: { version: ref('VersionSummary') } }),
            },
            ...WRITE_ERRORS,
            '404': errorResponse('No such version'),
          },
        }),
      },
      '/api/tokens/diff': {
        get: op('The classified changes between two versions (or a version and the draft)', 'tokens.read', {
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
            versionParameter('to', 'A version number or `draft` (default)'),
          ],
          responses: {
            '200': { description: 'The diff', content: jsonContent(ref('Diff')) },
            ...STANDARD_ERRORS,
            '404': errorResponse('No such version'),
          },
        }),
      },
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lf_session' },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (lf_…) or a client-credentials JWT',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: { type: 'array', items: ref('Issue') },
          },
        },
        Issue: ISSUE,
        TokenEntry: TOKEN_ENTRY,
        TokenEntries: {
          type: 'object',
          properties: {
            version: { oneOf: [{ type: 'integer' }, { const: 'draft' }] },
            theme: { enum: [...THEME_NAMES] },
            resolved: { type: 'boolean' },
            category: { enum: categories },
            tokens: { type: 'array', items: ref('TokenEntry') },
          },
        },
        TokenSet: {
          type: 'object',
          description: 'A DTCG 2025.10 token set: the base tokens and one file per theme merged over it',
          required: ['base', 'themes'],
          properties: {
            base: { type: 'object' },
            themes: {
              type: 'object',
              properties: Object.fromEntries(THEME_NAMES.map((theme) => [theme, { type: 'object' }])),
            },
          },
        },
        VersionSummary: VERSION_SUMMARY,
        Diff: DIFF,
        Draft: DRAFT,
      },
    },
  };
}
