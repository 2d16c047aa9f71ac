import { expect, test, type Page } from '@playwright/test';
import { pagesOf, type TAppPage } from './app-pages';
import { screenshotPath } from './screenshots';
import { systemUnderTest } from './system';

/** A phone (360: the narrowest common Android, 390: iPhone 12–15) and a laptop. */
const WIDTHS = [360, 390, 1280] as const;

/** Elements that stick out past the right edge of the viewport, outside any scrolling box. */
const overflowingElements = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipsX = (el: Element) =>
      ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // Text too long for its box (one long word) sticks out without widening the box itself.
      const right = Math.max(box.right, box.left + el.scrollWidth);
      if (box.width === 0 || right <= width + 0.5) continue;
      let ancestor = el.parentElement;
      while (ancestor && ancestor !== document.body && !clipsX(ancestor)) ancestor = ancestor.parentElement;
      // A scroller contains its content, unless it is positioned against an ancestor outside it.
      const isPositioned = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      if (ancestor && ancestor !== document.body && !isPositioned) continue;
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      const classes = String(el.getAttribute('class') ?? '')
        .split(/\s+/)
        .slice(0, 4)
        .join('.');
      found.push(
        `${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ''}.${classes} → right ${Math.round(right)}px`,
      );
      if (found.length >= 8) break;
    }
    return found;
  });

/** Asserts that `locator`'s box lies inside the viewport horizontally and is visible. */
async function expectWithinViewport(page: Page, what: string, selector: ReturnType<Page['getByTestId']>) {
  await expect(selector, `${what} is visible`).toBeVisible();
  const box = await selector.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  if (!box) throw new Error(`${what} has no box`);
  expect(box.x, `${what} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends inside the viewport (${width}px)`).toBeLessThanOrEqual(width + 0.5);
}

async function checkPage(page: Page, systemId: string, appPage: TAppPage, width: number) {
  await page.goto(appPage.path);
  await expect(page.locator('main')).toBeVisible();
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const overflowing = scrollWidth > innerWidth ? await overflowingElements(page) : [];
  expect
    .soft(
      scrollWidth,
      `${systemId} ${appPage.path} at ${width}px scrolls sideways; too wide: ${overflowing.join('; ')}`,
    )
    .toBeLessThanOrEqual(innerWidth);
  if (!appPage.isSignedOut) {
    await expectWithinViewport(
      page,
      'the system switcher',
      page.getByTestId('system-switcher').filter({ visible: true }),
    );
    await expectWithinViewport(page, 'the role badge', page.getByTestId('user-role'));
    await expectWithinViewport(page, 'the search button', page.getByTestId('search-button'));
  }
  await page.screenshot({
    path: screenshotPath(`responsive-${systemId}-${appPage.name}-${width}`),
    fullPage: true,
  });
}

for (const width of WIDTHS) {
  test(`[PLATFORM][RESPONSIVE]: every page fits ${width} px with the switcher and role badge in view`, async ({
    page,
    request,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const system = systemUnderTest(testInfo);
    const pages = await pagesOf(system.id, request);
    await page.setViewportSize({ width, height: 800 });
    for (const appPage of pages.filter((candidate) => !candidate.isSignedOut)) {
      await test.step(appPage.path, () => checkPage(page, system.id, appPage, width));
    }
    const signedOut = pages.filter((candidate) => candidate.isSignedOut);
    if (signedOut.length > 0) {
      const context = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        viewport: { width, height: 800 },
      });
      const anonymous = await context.newPage();
      for (const appPage of signedOut) {
        await test.step(`${appPage.path} (signed out)`, () =>
          checkPage(anonymous, system.id, appPage, width));
      }
      await context.close();
    }
  });
}
