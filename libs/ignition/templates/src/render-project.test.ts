import { loadDefaultTokenSet, type TTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { AnswersValidationError } from './answers';
import { renderProject, type TRenderContext } from './render-project';
import type { TTemplate, TTemplateFile } from './template-manifest.schema';
import { validateTemplate } from './validate-template';

const text = (path: string, content: string): TTemplateFile => ({ path, content, encoding: 'utf8' });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x7b, 0x7b]).toString(
  'base64',
);

function template(): TTemplate {
  const result = validateTemplate(
    {
      id: 'tiny',
      name: 'Tiny',
      description: 'A tiny template',
      version: '1.2.0',
      parameters: {
        type: 'object',
        properties: {
          e2e: { type: 'boolean', default: true },
          kind: { type: 'string', enum: ['app', 'api'], default: 'app' },
        },
        additionalProperties: false,
      },
      files: [
        { source: 'playwright.config.ts.tmpl', when: 'answers.e2e' },
        { source: 'e2e/**', when: 'answers.e2e && answers.kind == "app"' },
        { source: 'gitignore', target: '.gitignore' },
        { source: 'src/main.ts.tmpl', target: 'src/{{project.unscopedName}}.ts' },
      ],
    },
    [
      text(
        'package.json.tmpl',
        '{\n  "name": {{json answers.name}},\n  "dependencies": {\n{{#each answers.dependencies}}\n    {{json this.name}}: {{json this.version}},\n{{/each}}\n    "zod": "4.6.7"\n  }\n}\n',
      ),
      text('playwright.config.ts.tmpl', 'export default {};\n'),
      text('e2e/smoke.spec.ts.tmpl', '// {{project.title}}\n'),
      text('gitignore', 'node_modules/\n{{not rendered}}\n'),
      text('src/main.ts.tmpl', 'export const kind = {{json answers.kind}};\n'),
      text('src/{{answers.kind}}.css.tmpl', '{{tokens.themeCss}}'),
      { path: 'public/logo.png', content: PNG, encoding: 'base64' },
    ],
  );
  if (!result.template) throw new Error(JSON.stringify(result.issues));
  return result.template;
}

const context = (set: TTokenSet = loadDefaultTokenSet()): TRenderContext => ({
  tokens: { set, tokenSetId: '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f', version: 7, semver: '1.3.0' },
});

describe('renderProject', () => {
  it('applies rules, path templates and suffixes, and sorts the files by path', () => {
    const { files } = renderProject(template(), { name: '@acme/shop' }, context());
    expect(files.map((file) => file.path)).toEqual([
      '.gitignore',
      '.lumenforge/answers.json',
      'e2e/smoke.spec.ts',
      'package.json',
      'playwright.config.ts',
      'public/logo.png',
      'src/app.css',
      'src/shop.ts',
    ]);
    expect(files.find((file) => file.path === 'e2e/smoke.spec.ts')?.content).toBe('// Shop\n');
    expect(files.find((file) => file.path === 'src/shop.ts')?.content).toBe('export const kind = "app";\n');
  });

  it('leaves out the files whose condition is false', () => {
    const paths = (answers: Record<string, unknown>) =>
      renderProject(template(), { name: 'shop', ...answers }, context()).files.map((file) => file.path);
    expect(paths({ e2e: false })).not.toContain('playwright.config.ts');
    expect(paths({ e2e: false })).not.toContain('e2e/smoke.spec.ts');
    expect(paths({ e2e: true, kind: 'api' })).toContain('playwright.config.ts');
    expect(paths({ e2e: true, kind: 'api' })).not.toContain('e2e/smoke.spec.ts');
    expect(paths({ kind: 'api' })).toContain('src/api.css');
  });

  it('copies files without .tmpl byte for byte, binary ones too', () => {
    const { files } = renderProject(template(), { name: 'shop' }, context());
    expect(files.find((file) => file.path === '.gitignore')?.content).toBe(
      'node_modules/\n{{not rendered}}\n',
    );
    const logo = files.find((file) => file.path === 'public/logo.png');
    expect(logo?.encoding).toBe('base64');
    expect(Buffer.from(logo?.content ?? '', 'base64')).toEqual(Buffer.from(PNG, 'base64'));
  });

  it('adds the chosen dependencies to package.json as valid JSON', () => {
    const dependencies = [
      { name: 'clsx', version: '^2.1.1' },
      { name: '@tanstack/query', version: '5.0.0' },
    ];
    const { files } = renderProject(template(), { name: 'shop', dependencies }, context());
    const manifest = JSON.parse(files.find((file) => file.path === 'package.json')?.content ?? '');
    expect(manifest).toEqual({
      name: 'shop',
      dependencies: { clsx: '^2.1.1', '@tanstack/query': '5.0.0', zod: '4.6.7' },
    });
  });

  it('refuses a dependency the template already pins', () => {
    const dependencies = [
      { name: 'clsx', version: '^2.1.1' },
      { name: 'zod', version: '^3.0.0' },
    ];
    expect(() => renderProject(template(), { name: 'shop', dependencies }, context())).toThrow(
      'answers.dependencies.1.name: "zod" is already a dependency of the template',
    );
  });

  it('writes the answers file: template and token versions, answers with defaults', () => {
    const { files, answersFile } = renderProject(
      template(),
      { name: 'shop', description: 'Sells' },
      context(),
    );
    expect(answersFile).toEqual({
      template: { id: 'tiny', version: '1.2.0' },
      tokens: { tokenSetId: '6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f', version: 7, semver: '1.3.0' },
      answers: { name: 'shop', description: 'Sells', dependencies: [], e2e: true, kind: 'app' },
    });
    expect(JSON.parse(files.find((file) => file.path === '.lumenforge/answers.json')?.content ?? '')).toEqual(
      answersFile,
    );
  });

  it('writes the token version’s own values into the theme CSS', () => {
    const set = loadDefaultTokenSet();
    const neutral = (set.base.color as Record<string, Record<string, { $value: unknown }>>).neutral;
    if (!neutral?.['50']) throw new Error('the default set has color.neutral.50');
    neutral['50'].$value = { colorSpace: 'oklch', components: [0.9871, 0.0042, 123.4], hex: '#f9faf3' };
    const css = renderProject(template(), { name: 'shop' }, context(set)).files.find(
      (file) => file.path === 'src/app.css',
    );
    expect(css?.content).toContain('--color-neutral-50: oklch(0.9871 0.0042 123.4);');
    const defaultCss = renderProject(template(), { name: 'shop' }, context()).files.find(
      (file) => file.path === 'src/app.css',
    );
    expect(defaultCss?.content).not.toContain('oklch(0.9871 0.0042 123.4)');
  });

  it('gives the same output for the same input', () => {
    const answers = {
      name: 'shop',
      dependencies: [
        { name: 'b', version: '1.0.0' },
        { name: 'a', version: '1.0.0' },
      ],
    };
    expect(renderProject(template(), answers, context())).toEqual(
      renderProject(template(), { ...answers }, context()),
    );
  });

  it('refuses invalid answers with each problem named', () => {
    try {
      renderProject(
        template(),
        { name: 'Shop!', kind: 'cli', e2e: 'yes', extra: 1, dependencies: [{ name: 'x', version: '' }] },
        context(),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnswersValidationError);
      const { issues, status } = error as AnswersValidationError;
      expect(status).toBe(400);
      expect(issues).toEqual(
        expect.arrayContaining([
          { path: 'answers.name', message: 'the name must be lower case' },
          { path: 'answers.name', message: `the name must not contain any of ~'!()*` },
          expect.objectContaining({ path: 'answers.dependencies.0.version' }),
          expect.objectContaining({ path: 'answers.kind' }),
          expect.objectContaining({ path: 'answers.e2e' }),
          expect.objectContaining({ path: 'answers', message: 'Unrecognized key: "extra"' }),
        ]),
      );
    }
    expect(() => renderProject(template(), {}, context())).toThrow('answers.name: name is required');
    expect(() => renderProject(template(), null, context())).toThrow('answers: answers must be an object');
  });
});
