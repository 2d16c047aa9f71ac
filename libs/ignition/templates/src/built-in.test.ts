import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { builtInTemplatesDir, loadBuiltInTemplates } from './built-in';
import { renderProject } from './render-project';
import { templateManifestJsonSchema } from './template-manifest.schema';

const context = { tokens: { set: loadDefaultTokenSet(), version: 2, semver: '1.1.0' } };
const render = async (id: string, answers: Record<string, unknown>) => {
  const template = (await loadBuiltInTemplates()).find((candidate) => candidate.manifest.id === id);
  if (!template) throw new Error(`no built-in template ${id}`);
  return renderProject(template, { name: '@acme/demo', ...answers }, context).files;
};
const paths = (files: { path: string }[]) => files.map((file) => file.path);

describe('the built-in templates', () => {
  it('are the three templates, valid, with versions', async () => {
    const templates = await loadBuiltInTemplates();
    expect(templates.map((template) => [template.manifest.id, template.manifest.version])).toEqual([
      ['api-service', '1.0.0'],
      ['component-library', '1.0.0'],
      ['next-app', '1.0.0'],
    ]);
  });

  it('next-app: the Playwright files and the Dockerfile follow their answers; the theme is the token version', async () => {
    const full = await render('next-app', {});
    expect(paths(full)).toEqual(
      expect.arrayContaining([
        'playwright.config.ts',
        'e2e/smoke.spec.ts',
        'Dockerfile',
        '.github/workflows/ci.yml',
      ]),
    );
    expect(full.find((file) => file.path === 'src/app/lumenforge-theme.css')?.content).toMatch(
      /^\/\* SLATE token version 1\.1\.0.*\n.*\n\n@theme \{/,
    );
    const lean = await render('next-app', { e2e: false, docker: false });
    expect(paths(lean)).not.toEqual(expect.arrayContaining(['playwright.config.ts']));
    expect(paths(lean).filter((path) => /playwright|e2e\/|Dockerfile|dockerignore/.test(path))).toEqual([]);
    expect(
      JSON.parse(lean.find((file) => file.path === 'package.json')?.content ?? '').devDependencies,
    ).not.toHaveProperty('@playwright/test');
    expect(lean.find((file) => file.path === '.github/workflows/ci.yml')?.content).not.toContain(
      'playwright',
    );
  });

  it('next-app: forcing a theme and an accent sets data-theme and data-system', async () => {
    const layout = (await render('next-app', { theme: 'dark', system: 'spark' })).find(
      (file) => file.path === 'src/app/layout.tsx',
    );
    expect(layout?.content).toContain('<html lang="en" data-system="spark" data-theme="dark">');
  });

  it('component-library: .npmrc only with a SPARK registry URL', async () => {
    expect(paths(await render('component-library', {}))).not.toContain('.npmrc');
    const files = await render('component-library', { sparkRegistryUrl: 'https://npm.example.test/' });
    expect(files.find((file) => file.path === '.npmrc')?.content).toBe(
      '@lumenforge:registry=https://npm.example.test/\n',
    );
    await expect(render('component-library', { sparkRegistryUrl: 'ftp://x' })).rejects.toThrow(
      'answers.sparkRegistryUrl',
    );
  });

  it('api-service: the port answer reaches the server and the Dockerfile', async () => {
    const files = await render('api-service', { port: 8080 });
    expect(files.find((file) => file.path === 'src/main.ts')?.content).toContain('process.env.PORT ?? 8080');
    expect(files.find((file) => file.path === 'Dockerfile')?.content).toContain('EXPOSE 8080');
    await expect(render('api-service', { port: 80 })).rejects.toThrow('answers.port');
  });

  it('template.schema.json is the manifest schema as generated (editors validate template.json with it)', async () => {
    const onDisk = JSON.parse(await readFile(join(builtInTemplatesDir(), 'template.schema.json'), 'utf8'));
    expect(onDisk).toEqual(templateManifestJsonSchema());
  });
});
