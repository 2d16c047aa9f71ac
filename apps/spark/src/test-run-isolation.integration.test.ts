import { createBuiltInGenerator, routePrompt } from '@lumenforge/spark-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSparkApi, type TSparkApiHarness } from './spark-api.test-harness';

const FILES = {
  name: 'Hello',
  source: 'export function Hello() {\n  return <p>Hello</p>;\n}\n',
  tests:
    "import { render, screen } from '@testing-library/react';\nimport { expect, it } from 'vitest';\nimport { Hello } from './Hello';\n\nit('greets', () => {\n  render(<Hello />);\n  expect(screen.getByText('Hello')).toBeTruthy();\n});\n",
  stories: "import { Hello } from './Hello';\n\nexport default { component: Hello };\nexport const Default = {};\n",
};

describe('POST /api/generations/test-run when container isolation is demanded but unavailable', () => {
  let api: TSparkApiHarness;
  const saved = { path: process.env['PATH'], isolation: process.env['IGNIS_ISOLATION'] };

  beforeAll(async () => {
    api = await startSparkApi({
      spark: { generator: createBuiltInGenerator(), route: routePrompt },
      generationsPerMinute: 10,
    });
    // As on a host without podman: nothing on PATH answers `podman --version`.
    process.env['IGNIS_ISOLATION'] = 'container';
    process.env['PATH'] = '/nonexistent-lumenforge-bin';
  });
  afterAll(async () => {
    process.env['PATH'] = saved.path;
    if (saved.isolation === undefined) delete process.env['IGNIS_ISOLATION'];
    else process.env['IGNIS_ISOLATION'] = saved.isolation;
    await api?.close();
  });

  it('answers 503 naming what is missing, not 500', async () => {
    const { cookie } = await api.member('engineer');
    const response = await api.call(cookie, 'POST', '/api/generations/test-run', { files: FILES });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('test_runner_unavailable');
    expect(body.message).toMatch(/IGNIS_ISOLATION=container, but podman is not installed/);
  });

  it('still refuses a bad body first (400)', async () => {
    const { cookie } = await api.member('engineer');
    const response = await api.call(cookie, 'POST', '/api/generations/test-run', { files: { name: 'x' } });
    expect(response.status).toBe(400);
  });
});
