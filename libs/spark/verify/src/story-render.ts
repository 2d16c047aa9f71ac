// Renders generated components' stories in Chromium: a harness page built with Vite (development
// React, Tailwind, the token stylesheet) is served locally; each story is rendered, its play
// function run, and axe-core run on the page, with the console errors it caused.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { TGeneratedFiles } from '@lumenforge/spark-generator';
import { generateThemeCss, loadDefaultTokenSet, type TTokenSet } from '@lumenforge/tokens';
import type { Page } from 'playwright-core';
import { createRunDir, findWorkspaceRoot, runNode, stripAnsi, writeFiles } from './run-dir';
import { harnessFiles, type THarnessWindow } from './story-harness';

export type TAxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements. */
  nodes: string[];
};

export type TStoryRenderResult = {
  /** The component's name (of `components[componentIndex]`). */
  component: string;
  componentIndex: number;
  /** The story's export name. */
  story: string;
  /** Its render completed without throwing. */
  rendered: boolean;
  /** Console errors and uncaught exceptions while it rendered and played. */
  consoleErrors: string[];
  /** Why `play` failed (absent when it passed or the story has none). */
  playError?: string;
  axeViolations: TAxeViolation[];
};

export type TRenderStoriesResult = {
  stories: TStoryRenderResult[];
  /** Why the harness could not be built or a component's stories not loaded; empty when all ran. */
  errors: { componentIndex: number | null; message: string }[];
  durationMs: number;
};

export type TRenderStoriesOptions = {
  /** The token set whose colours the page uses (default: the workspace default set). */
  tokenSet?: TTokenSet;
  /** `data-system` of the page, for the accent colours (default `spark`). */
  system?: string;
  theme?: 'light' | 'dark';
  /** For the Vite build (default 120 s). */
  buildTimeoutMs?: number;
  /** Per story: render, play and axe together (default 15 s). */
  storyTimeoutMs?: number;
  /** Chromium or Chrome to launch (default: the first of the usual system paths). */
  chromiumPath?: string;
  workspaceRoot?: string;
};

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
/** As the end-to-end suite launches it: headless, no sandbox (root containers), no background traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** WCAG 2.x A and AA rules (best-practice rules such as "content in landmarks" are about pages, not components). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function findChromium(preferred?: string): string {
  const found = [preferred, ...CHROMIUM_CANDIDATES].find((path) => path && existsSync(path));
  if (!found)
    throw new Error('No Chromium found to render stories in (install chromium, or pass chromiumPath).');
  return found;
}

/** Serves `dir` on 127.0.0.1 (an ephemeral port), files only, no listing. */
async function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(`${dir}/`)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'max-age=3600',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function componentFolder(index: number): string {
  return `component-${index}`;
}

/**
 * Renders every story of every component in Chromium and reports, per story, whether it rendered,
 * the console errors it caused, its play function's error and axe-core's WCAG violations. One
 * Vite build and one browser for all; the browser, the server and the files are always cleaned up.
 */
export async function renderStories(
  components: TGeneratedFiles[],
  options: TRenderStoriesOptions = {},
): Promise<TRenderStoriesResult> {
  const started = Date.now();
  if (components.length === 0) return { stories: [], errors: [], durationMs: 0 };
  const root = findWorkspaceRoot(options.workspaceRoot);
  const executablePath = findChromium(options.chromiumPath);
  const run = await createRunDir(root);
  const errors: TRenderStoriesResult['errors'] = [];
  const stories: TStoryRenderResult[] = [];
  let server: Server | undefined;
  try {
    const files = harnessFiles(
      components.map((component, index) => ({ folder: componentFolder(index), name: component.name })),
      generateThemeCss(options.tokenSet ?? loadDefaultTokenSet()),
      { system: options.system ?? 'spark', theme: options.theme ?? 'light' },
    );
    components.forEach((component, index) => {
      files[`${componentFolder(index)}/${component.name}.tsx`] = component.source;
      files[`${componentFolder(index)}/${component.name}.stories.tsx`] = component.stories;
    });
    await writeFiles(run.dir, files);
    const build = await runNode(
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mjs'],
      run.dir,
      options.buildTimeoutMs ?? 120_000,
    );
    if (build.timedOut || build.code !== 0) {
      const why = build.timedOut ? 'did not finish in time' : `failed (exit ${build.code ?? build.signal})`;
      errors.push({
        componentIndex: null,
        message: `The story bundle ${why}: ${stripAnsi(build.output).trim()}`,
      });
      return { stories, errors, durationMs: Date.now() - started };
    }
    const served = await serveStatic(join(run.dir, 'dist'));
    server = served.server;
    // Loaded here, not at import: a server that only runs tests (runComponentTests) never bundles it.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      await renderAll(
        () => browser.newPage(),
        served.url,
        components,
        options.storyTimeoutMs ?? 15_000,
        root,
        stories,
        errors,
      );
    } finally {
      await browser.close();
    }
    return { stories, errors, durationMs: Date.now() - started };
  } finally {
    if (server) await new Promise((resolve) => server?.close(resolve));
    await run.remove();
  }
}

async function renderAll(
  newPage: () => Promise<Page>,
  url: string,
  components: TGeneratedFiles[],
  storyTimeoutMs: number,
  root: string,
  stories: TStoryRenderResult[],
  errors: TRenderStoriesResult['errors'],
): Promise<void> {
  const axeSource = await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  let consoleErrors: string[] = [];
  const openPage = async () => {
    const opened = await newPage();
    opened.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    opened.on('pageerror', (error) => consoleErrors.push(`Uncaught ${error.name}: ${error.message}`));
    return opened;
  };
  let page = await openPage();
  await page.goto(url);
  const list = await listStories(page, components, errors);
  for (const { module, story } of list) {
    const component = components[module]?.name ?? '';
    // A fresh page per story: nothing one story leaves in the document (portals, focus, listeners) meets the next.
    await page.goto(url);
    consoleErrors = [];
    const result: TStoryRenderResult = {
      component,
      componentIndex: module,
      story,
      rendered: false,
      consoleErrors,
      axeViolations: [],
    };
    try {
      const outcome = await withTimeout(
        page.evaluate(
          ([moduleIndex, name, timeoutMs]) =>
            (window as unknown as THarnessWindow).__sparkRender(moduleIndex, name, timeoutMs),
          [module, story, storyTimeoutMs] as const,
        ),
        storyTimeoutMs + 5_000,
        `${component}/${story} did not finish within ${storyTimeoutMs} ms`,
      );
      result.rendered = outcome.rendered;
      if (outcome.renderError && !consoleErrors.some((text) => text.includes(outcome.renderError ?? '')))
        consoleErrors.push(`Render failed: ${outcome.renderError}`);
      if (outcome.playError) result.playError = outcome.playError;
      if (outcome.rendered) result.axeViolations = await runAxe(page, axeSource);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      consoleErrors.push(message);
      // A story stuck in a loop keeps its page busy: the next one gets a new page.
      await page.close().catch(() => undefined);
      page = await openPage();
    }
    result.consoleErrors = [...consoleErrors];
    stories.push(result);
  }
}

/** Every component's story exports; a module that does not load is an error of its component. */
async function listStories(
  page: Page,
  components: TGeneratedFiles[],
  errors: TRenderStoriesResult['errors'],
): Promise<{ module: number; story: string }[]> {
  const all: { module: number; story: string }[] = [];
  for (const index of components.keys()) {
    const found = await page
      .evaluate((moduleIndex) => (window as unknown as THarnessWindow).__sparkStories(moduleIndex), index)
      .catch((error: unknown) => {
        errors.push({
          componentIndex: index,
          message: `The stories of ${components[index]?.name} did not load: ${error instanceof Error ? error.message : String(error)}`,
        });
        return [];
      });
    if (found.length === 0 && !errors.some((error) => error.componentIndex === index))
      errors.push({
        componentIndex: index,
        message: `${components[index]?.name}.stories.tsx exports no story.`,
      });
    for (const story of found) all.push({ module: index, story });
  }
  return all;
}

async function runAxe(page: Page, axeSource: string): Promise<TAxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    type TAxe = {
      run: (
        context: Document,
        options: object,
      ) => Promise<{
        violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
      }>;
    };
    const axe = (window as unknown as { axe: TAxe }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, AXE_TAGS);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
