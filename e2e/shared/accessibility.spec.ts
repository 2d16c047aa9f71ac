import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';
import { pagesOf, type TAppPage } from './app-pages';
import { systemUnderTest } from './system';

const require = createRequire(import.meta.url);
/** axe-core from node_modules (pinned in the root package.json), injected into each page: no CDN. */
const AXE_PATH = require.resolve('axe-core');
/** WCAG 2.2 level A and AA, as the architecture asks (axe tags each rule with the versions it covers). */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'dark'] as const;

/** One line per failing element: rule, impact, element and what axe says is wrong. */
function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const summary = (node.failureSummary ?? '').split('\n').slice(1, 2).join(' ').trim();
        return `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${summary}`;
      }),
    )
    .join('\n');
}

async function axeViolations(page: Page): Promise<Result[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_AA_TAGS,
  );
  return results.violations;
}

async function checkPage(page: Page, systemId: string, appPage: TAppPage, theme: string) {
  await page.goto(appPage.path);
  await expect(page.locator('main')).toBeVisible();
  // The published theme is a stylesheet link in the body: wait until every sheet has loaded.
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every(
      (link) => link.sheet !== null,
    ),
  );
  const violations = await axeViolations(page);
  const count = violations.reduce((sum, violation) => sum + violation.nodes.length, 0);
  expect
    .soft(
      count,
      `${systemId} ${appPage.path} (${theme}) has WCAG 2.2 AA violations:\n${describeViolations(violations)}`,
    )
    .toBe(0);
}

for (const theme of THEMES) {
  test(`[PLATFORM][A11Y]: every page passes axe-core's WCAG 2.2 AA rules in the ${theme} theme`, async ({
    page,
    request,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const system = systemUnderTest(testInfo);
    const pages = await pagesOf(system.id, request);
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    for (const appPage of pages.filter((candidate) => !candidate.isSignedOut)) {
      await test.step(appPage.path, () => checkPage(page, system.id, appPage, theme));
    }
    const signedOut = pages.filter((candidate) => candidate.isSignedOut);
    if (signedOut.length > 0) {
      const context = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        colorScheme: theme,
        reducedMotion: 'reduce',
      });
      const anonymous = await context.newPage();
      for (const appPage of signedOut) {
        await test.step(`${appPage.path} (signed out)`, () =>
          checkPage(anonymous, system.id, appPage, theme));
      }
      await context.close();
    }
  });
}
