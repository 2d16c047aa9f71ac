import { describe, expect, it } from 'vitest';
import type { TTemplateFile } from './template-manifest.schema';
import { validateTemplate } from './validate-template';

const manifest = (overrides: Record<string, unknown> = {}) => ({
  id: 'tiny',
  name: 'Tiny',
  description: 'A tiny template',
  version: '1.0.0',
  parameters: {
    type: 'object',
    properties: {
      e2e: { type: 'boolean', default: true },
      port: { type: 'integer', minimum: 1024, default: 3000 },
    },
  },
  files: [{ source: 'e2e.ts.tmpl', when: 'answers.e2e' }],
  ...overrides,
});
const text = (path: string, content: string): TTemplateFile => ({ path, content, encoding: 'utf8' });
const files = [
  text('package.json.tmpl', '{ "name": {{json answers.name}} }'),
  text('e2e.ts.tmpl', 'port {{answers.port}}'),
];

describe('validateTemplate', () => {
  it('accepts a valid template and fills in manifest defaults', () => {
    const result = validateTemplate(manifest(), files);
    expect(result.issues).toEqual([]);
    expect(result.template?.manifest.tags).toEqual([]);
  });

  it.each([
    ['1.0', 'version must be a semantic version such as 1.2.0'],
    ['v1.0.0', 'version must be a semantic version such as 1.2.0'],
    ['01.0.0', 'version must be a semantic version such as 1.2.0'],
  ])('refuses the version %j', (version, message) => {
    expect(validateTemplate(manifest({ version }), files).issues).toEqual([
      { path: 'manifest.version', message },
    ]);
  });

  it('accepts pre-release versions', () => {
    expect(validateTemplate(manifest({ version: '2.0.0-beta.1' }), files).issues).toEqual([]);
  });

  it('refuses parameters that are not an object schema with properties', () => {
    expect(validateTemplate(manifest({ parameters: { type: 'string' } }), files).issues).toEqual([
      { path: 'manifest.parameters.type', message: 'parameters must be a JSON Schema with "type": "object"' },
      {
        path: 'manifest.parameters.properties',
        message: 'Invalid input: expected record, received undefined',
      },
    ]);
    const badProperty = { type: 'object', properties: { port: { type: 'integr' } } };
    expect(validateTemplate(manifest({ parameters: badProperty }), files).issues[0]?.path).toBe(
      'manifest.parameters.properties.port.type',
    );
  });

  it('refuses a default that does not fit, a required name that is not a property, and redefining name', () => {
    const parameters = {
      type: 'object',
      properties: { port: { type: 'integer', minimum: 1024, default: 80 }, name: { type: 'string' } },
      required: ['host'],
    };
    const { issues } = validateTemplate(manifest({ parameters, files: [] }), files);
    expect(issues.map((issue) => issue.path)).toEqual([
      'manifest.parameters.required',
      'manifest.parameters.properties.name',
    ]);
    const defaults = validateTemplate(
      manifest({
        parameters: { type: 'object', properties: { port: { type: 'integer', minimum: 1024, default: 80 } } },
        files: [],
      }),
      [text('a.txt.tmpl', '{{answers.port}}')],
    );
    expect(defaults.issues).toEqual([
      {
        path: 'manifest.parameters.properties.port.default',
        message: 'the default does not fit the parameter: Too small: expected number to be >=1024',
      },
    ]);
  });

  it('refuses a rule whose source matches no file, and a target on a folder rule', () => {
    const rules = [
      { source: 'playwright.config.ts.tmpl', when: 'answers.e2e' },
      { source: 'e2e/**', target: 'x' },
    ];
    expect(validateTemplate(manifest({ files: rules }), files).issues).toEqual([
      {
        path: 'manifest.files[0].source',
        message: '"playwright.config.ts.tmpl" matches no file of the template',
      },
      { path: 'manifest.files[1].target', message: 'a folder rule (dir/**) cannot have a target' },
      { path: 'manifest.files[1].source', message: '"e2e/**" matches no file of the template' },
    ]);
  });

  it('names the file, line and column of a template expression that does not parse', () => {
    const broken = [
      ...files,
      text('src/page.tsx.tmpl', 'line one\n  <p>{{#if answers.e2e}}{{answers.port}</p>\n'),
    ];
    expect(validateTemplate(manifest(), broken).issues).toEqual([
      { path: 'files/src/page.tsx.tmpl:2:25', message: '"{{" is never closed by "}}"' },
    ]);
    const badWhen = validateTemplate(
      manifest({ files: [{ source: 'e2e.ts.tmpl', when: 'answers.e2e &&' }] }),
      files,
    );
    expect(badWhen.issues).toEqual([
      { path: 'manifest.files[0].when', message: 'expression ends too early' },
    ]);
  });

  it('refuses names that are not answers of the template', () => {
    const typo = [...files, text('README.md.tmpl', '{{answers.e2ee}} {{anwsers.name}}')];
    expect(validateTemplate(manifest(), typo).issues).toEqual([
      { path: 'files/README.md.tmpl', message: '"answers.e2ee" is not a parameter of this template' },
      {
        path: 'files/README.md.tmpl',
        message: 'unknown name "anwsers" (use answers., project., template. or tokens.)',
      },
    ]);
  });

  it('renders both sides of each yes/no answer and refuses JSON that breaks on one side', () => {
    const json = [
      ...files,
      text(
        'config.json.tmpl',
        '{ "a": 1{{#if answers.e2e}}, "e2e": true{{/if}}{{#unless answers.e2e}},{{/unless}} }',
      ),
    ];
    const { issues } = validateTemplate(manifest(), json);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('files/config.json.tmpl');
    expect(issues[0]?.message).toMatch(
      /^renders to invalid JSON: .* \(rendered with yes\/no answers flipped\)$/,
    );
  });

  it('refuses paths that escape the project and the reserved answers file', () => {
    expect(validateTemplate(manifest(), [...files, text('../evil.txt', 'x')]).issues[0]?.message).toBe(
      'renders to "../evil.txt": a path may not contain empty, . or .. segments (rendered with defaults)',
    );
    expect(
      validateTemplate(manifest(), [...files, text('.lumenforge/answers.json', '{}')]).issues[0]?.message,
    ).toBe(
      'renders to ".lumenforge/answers.json": the answers file is written by the renderer (rendered with defaults)',
    );
  });

  it('refuses files of the wrong shape and a .tmpl file that is not text', () => {
    expect(validateTemplate(manifest(), [{ path: 'a', content: 1 }]).issues[0]?.path).toBe(
      'files[0].content',
    );
    const binary = [
      ...files,
      { path: 'logo.png.tmpl', content: 'iVBORw0KGgo=', encoding: 'base64' as const },
    ];
    expect(validateTemplate(manifest(), binary).issues).toEqual([
      { path: 'files/logo.png.tmpl', message: 'a .tmpl file must be UTF-8 text' },
    ]);
  });
});
