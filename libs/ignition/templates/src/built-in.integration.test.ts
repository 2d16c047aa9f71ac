// Each built-in template generates a project whose `npm install`, `npm run build`, `npm test`,
// `npm run lint` and `npm run typecheck` pass against the real npm registry, and whose built CSS
// carries the chosen token version's values; the Next.js app's Playwright smoke test passes too.
//
// Heavy (installs and builds three projects): run under the machine's lock, e.g.
//   flock /tmp/lf-heavy.lock npx vitest run --mode integration src/built-in.integration.test.ts
// Projects live in IGNITION_TEMPLATES_CACHE_DIR (default <tmp>/lumenforge-ignition-templates),
// one folder per hash of the rendered package.json: their node_modules is reused across runs.
// The folder is outside this repository on purpose, so Node's resolution cannot fall back to the
// monorepo's node_modules and hide a dependency a template forgot.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadDefaultTokenSet, oklchToHex, type TTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { loadBuiltInTemplates } from './built-in';
import { renderProject, type TRenderedFile } from './render-project';

const CACHE_ROOT =
  process.env.IGNITION_TEMPLATES_CACHE_DIR ?? join(tmpdir(), 'lumenforge-ignition-templates');
const INSTALLED_MARKER = join('node_modules', '.lumenforge-installed');
const KEPT_ENTRIES = new Set(['node_modules', 'package-lock.json']);

// A distinctive colour for one token, so the built CSS can only contain it if the generated
// project really builds with the token version it was given.
const MARKER_OKLCH: [number, number, number] = [0.97, 0.012, 130];
const MARKER_HEX = oklchToHex(MARKER_OKLCH);

function markedTokenSet(): TTokenSet {
  const set = loadDefaultTokenSet();
  const neutral = (set.base.color as Record<string, Record<string, { $value: unknown }>>).neutral;
  if (!neutral?.['50']) throw new Error('the default token set has color.neutral.50');
  neutral['50'].$value = { colorSpace: 'oklch', components: MARKER_OKLCH, hex: MARKER_HEX };
  return set;
}

/** The forms a minifier may write the marker colour in: hex (Next.js) or short oklch (Vite). */
const MARKER_FORMS = [
  MARKER_HEX,
  `oklch(${MARKER_OKLCH[0] * 100}% ${String(MARKER_OKLCH[1]).replace(/^0/, '')} ${MARKER_OKLCH[2]})`,
];

// The generated project must not inherit this run's Vitest, NODE_ENV=test or npm script settings.
const CHILD_ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$|npm_)/i.test(key)),
  ),
  CI: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
};

// `npx playwright install` cannot download here: the smoke test runs only where a Chromium is.
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((path) => path && existsSync(path));

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...CHILD_ENV, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Writes the files into the package.json's cached folder, keeping only node_modules and the lock. */
async function materialise(id: string, files: TRenderedFile[]): Promise<string> {
  const packageJson = files.find((file) => file.path === 'package.json')?.content ?? '';
  const hash = createHash('sha256').update(packageJson).digest('hex').slice(0, 16);
  const dir = join(CACHE_ROOT, `${id}-${hash}`);
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) {
    if (!KEPT_ENTRIES.has(entry)) await rm(join(dir, entry), { recursive: true, force: true });
  }
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), Buffer.from(file.content, file.encoding));
  }
  return dir;
}

async function findFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function npm(dir: string, ...args: string[]): Promise<void> {
  const { code, output } = await run('npm', args, dir);
  expect(code, `npm ${args.join(' ')} in ${dir}:\n${output.slice(-4000)}`).toBe(0);
}

const CASES = [
  { id: 'next-app', answers: {}, cssDir: '.next/static' },
  { id: 'component-library', answers: { sparkRegistryUrl: '' }, cssDir: 'dist' },
  { id: 'api-service', answers: { port: 4310 }, cssDir: null },
] as const;

describe('built-in templates generate working projects', () => {
  it.each(CASES)(
    '$id: npm install, build, test, lint and typecheck pass; built CSS and answers carry the token version',
    async ({ id, answers, cssDir }) => {
      const template = (await loadBuiltInTemplates()).find((candidate) => candidate.manifest.id === id);
      if (!template) throw new Error(`no built-in template ${id}`);
      const { files } = renderProject(
        template,
        {
          name: `@acme/${id}-check`,
          description: 'Generated by the ignition-templates integration test',
          ...answers,
        },
        { tokens: { set: markedTokenSet(), version: 4, semver: '1.4.0' } },
      );
      const dir = await materialise(id, files);
      if (!existsSync(join(dir, INSTALLED_MARKER))) {
        // No template dependency needs an install script (esbuild and Tailwind's oxide ship their
        // binaries as optional platform packages), so scripts stay off.
        await npm(dir, 'install', '--no-audit', '--no-fund', '--ignore-scripts');
        await writeFile(join(dir, INSTALLED_MARKER), new Date().toISOString());
      }
      await npm(dir, 'run', 'build');
      await npm(dir, 'test');
      await npm(dir, 'run', 'lint');
      await npm(dir, 'run', 'typecheck');
      if (id === 'next-app' && CHROMIUM) {
        // The generated Playwright smoke test, against `next start`, in the machine's Chromium.
        const { code, output } = await run('npx', ['playwright', 'test'], dir, { CHROMIUM_PATH: CHROMIUM });
        expect(code, `playwright test in ${dir}:\n${output.slice(-4000)}`).toBe(0);
        expect(output).toContain('1 passed');
      }

      const answersFile = JSON.parse(await readFile(join(dir, '.lumenforge/answers.json'), 'utf8'));
      expect(answersFile.template).toEqual({ id, version: template.manifest.version });
      expect(answersFile.tokens).toEqual({ tokenSetId: null, version: 4, semver: '1.4.0' });
      if (cssDir) {
        const cssFiles = await findFiles(join(dir, cssDir), '.css');
        const css = (await Promise.all(cssFiles.map((file) => readFile(file, 'utf8')))).join('\n');
        expect(cssFiles.length).toBeGreaterThan(0);
        expect(
          MARKER_FORMS.some((form) => css.includes(form)),
          `${MARKER_FORMS.join(' or ')} in ${cssFiles.join(', ')}`,
        ).toBe(true);
        expect(css).toContain('--color-accent');
      } else {
        const openapi = JSON.parse(await readFile(join(dir, 'dist/openapi.json'), 'utf8'));
        expect(Object.keys(openapi.paths)).toContain('/notes/{id}');
      }
    },
    600_000,
  );
});
