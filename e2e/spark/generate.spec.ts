import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { storageStateFor } from '../shared/sign-in';

/** A name no other run or parallel test uses (PascalCase: letters and digits only). */
const uniqueName = (prefix: string) =>
  `${prefix}${Date.now()}${String(Math.floor(Math.random() * 1_000)).padStart(3, '0')}`;

/** Writes through the API need the app's Origin, as a browser sends it. */
const WRITE_HEADERS = { Origin: systemUrl('spark') };

const PROMPT = 'A primary button labelled Save changes that can show a loading state';

/** What the API says about a refused prompt: the `prompt` issue's message (the body's message is generic). */
async function promptRefusal(response: APIResponse): Promise<string> {
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: string; issues?: { path: string; message: string }[] };
  expect(body.error).toBe('invalid_request');
  const issue = body.issues?.find((candidate) => candidate.path === 'prompt');
  expect(issue?.message).toBeTruthy();
  return issue?.message ?? '';
}

/** At 390 px the page fits without sideways scrolling; a full-page screenshot at both widths. */
async function screenshotBothWidths(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`${name}-1280`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${name} at 390 px` })
    .toBeLessThanOrEqual(390);
  await page.screenshot({ path: screenshotPath(`${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Content-Security-Policy refusals the browser reports in the console (e.g. a blocked font). */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    // SPARK's own documents only: the live previews are IGNIS's pages, under IGNIS's policy.
    const source = message.location().url;
    if (source && !source.startsWith(systemUrl('spark'))) return;
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function submitPrompt(page: Page, prompt: string) {
  await page.getByLabel('What should the component do?').fill(prompt);
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
}

test.describe('[SPARK] generator', () => {
  test('[SPARK][GENERATE]: empty, 10,000-character and emoji-only prompts are refused with a clear message, in the API and on the page', async ({
    page,
    request,
  }) => {
    await page.goto('/generate');
    await expect(page).toHaveTitle('Generate a component · Spark · LumenForge');
    await expect(
      page.getByRole('navigation', { name: 'Spark' }).getByRole('link', { name: 'Generate' }),
    ).toHaveAttribute('aria-current', 'page');
    const promptField = page.getByLabel('What should the component do?');
    const error = page.getByTestId('prompt-error');

    // Empty: the server's 400 message under the prompt, and no plan.
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('role', 'alert');
    const emptyMessage = await promptRefusal(
      await request.post('/api/generations/plan', { headers: WRITE_HEADERS, data: { prompt: '' } }),
    );
    await expect(error).toContainText(emptyMessage);
    await expect(promptField).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('plan-form')).toHaveCount(0);

    // 10,000 characters: the counter says so while typing, the server refuses on submit.
    const long = 'a pricing table '.repeat(625);
    expect(long).toHaveLength(10_000);
    await promptField.fill(long);
    await expect(page.getByTestId('prompt-counter')).toHaveText('10,000 / 4,000');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const tooLongMessage = await promptRefusal(
      await request.post('/api/generations/plan', { headers: WRITE_HEADERS, data: { prompt: long } }),
    );
    expect(tooLongMessage).toMatch(/4,000/);
    await expect(error).toContainText(tooLongMessage);
    await expect(page.getByTestId('plan-form')).toHaveCount(0);

    // Only emoji: nothing to understand.
    await promptField.fill('🎉🔥✨ 🚀');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const emojiMessage = await promptRefusal(
      await request.post('/api/generations/plan', { headers: WRITE_HEADERS, data: { prompt: '🎉🔥✨ 🚀' } }),
    );
    expect(emojiMessage).toMatch(/letters or digits/);
    await expect(error).toContainText(emojiMessage);
    await expect(page.getByTestId('plan-form')).toHaveCount(0);
    await page.screenshot({ path: screenshotPath('spark-generate-bad-prompt'), fullPage: true });
  });

  test('[SPARK][GENERATE]: SPARK down (503) offers a retry that works; a session ended elsewhere (401) links to sign-in', async ({
    page,
  }) => {
    await page.goto('/generate');
    let outage = true;
    await page.route('**/api/generations/plan', async (route) => {
      if (!outage) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'service_unavailable',
          message: 'SPARK is restarting; try again in a moment.',
        }),
      });
    });
    await submitPrompt(page, PROMPT);
    const error = page.getByTestId('prompt-error');
    await expect(error).toContainText('SPARK is restarting; try again in a moment.');
    outage = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('plan-form')).toBeVisible({ timeout: 20_000 });
    await expect(error).toHaveCount(0);

    await page.unroute('**/api/generations/plan');
    await page.route('**/api/generations/plan', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'unauthenticated', message: 'Sign in to continue.' }),
      }),
    );
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await expect(error).toContainText('Sign in to continue.');
    await expect(error.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      new RegExp(`^${systemUrl('landing')}/signin\\?returnTo=`),
    );
  });

  test('[SPARK][GENERATE]: prompt → plan → three variations → choose → edit in Monaco (preview updates without reload) → follow-up diff → save; LANDING’s feed and SPARK card show it', async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    const name = uniqueName('SaveButton');

    // LANDING's home and activity feed, open before the save: they must update live.
    const landing = await context.newPage();
    await landing.goto(`${systemUrl('landing')}/activity`);
    await expect(landing.getByTestId('activity-live')).toHaveAttribute('data-live', 'true', {
      timeout: 15_000,
    });
    const home = await context.newPage();
    await home.goto(`${systemUrl('landing')}/`);
    await expect(home.getByTestId('cards-live')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

    const cspViolations = collectCspViolations(page);
    await page.goto('/generate');
    await submitPrompt(page, PROMPT);

    // The plan, editable: rename it, add a prop, tick a state.
    const plan = page.getByTestId('plan-form');
    await expect(plan).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('plan-summary')).not.toBeEmpty();
    await screenshotBothWidths(page, 'spark-generate-plan');
    await plan.getByLabel('Name', { exact: true }).fill(name);
    const props = plan.getByTestId('plan-prop');
    const propCount = await props.count();
    await plan.getByRole('button', { name: 'Add prop' }).click();
    await expect(props).toHaveCount(propCount + 1);
    await plan.getByLabel(`Prop ${propCount + 1} name`).fill('hint');
    await plan.getByLabel(`Prop ${propCount + 1} description`).fill('Shown under the button');
    await plan.getByRole('button', { name: 'Remove prop hint' }).click();
    await expect(props).toHaveCount(propCount);
    const loading = plan.getByRole('checkbox', { name: 'loading' });
    if (!(await loading.isChecked())) await loading.check();
    await expect(page.getByTestId('expert-weight')).toHaveCount(3);
    await plan.getByRole('button', { name: 'Generate' }).click();

    // Progress over SSE, then three variations, each with a live preview and its check.
    await expect(page.getByRole('progressbar', { name: 'Generation progress' })).toBeVisible();
    const cards = page.getByTestId('variation-card');
    await expect(cards).toHaveCount(3, { timeout: 60_000 });
    for (const step of ['analysis', 'design', 'logic', 'performance', 'merge', 'checks'])
      await expect(page.locator(`[data-testid="generation-step"][data-step="${step}"]`)).toHaveAttribute(
        'data-state',
        'done',
      );
    for (const card of await cards.all()) {
      await expect(card.getByTestId('check-result')).toBeVisible();
      await expect(card.getByTestId('contributions').locator('> li')).toHaveCount(3);
    }
    await expect(page.locator('[data-testid="generation-step"][data-step="preview"]')).toHaveAttribute(
      'data-state',
      'done',
      { timeout: 90_000 },
    );
    await expect(page.getByRole('progressbar', { name: 'Generation progress' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const firstPreview = page.frameLocator('[data-testid="variation-preview"]').first();
    await expect(firstPreview.getByRole('button').first()).toBeVisible({ timeout: 30_000 });
    await screenshotBothWidths(page, 'spark-generate-variations');

    // Choose the first: Monaco (served by SPARK) with the three files, and its preview.
    await cards
      .first()
      .getByRole('button', { name: /^Choose / })
      .click();
    const workbench = page.getByTestId('workbench');
    await expect(workbench).toBeVisible();
    const tabs = workbench.getByRole('tablist', { name: 'Component files' });
    await expect(tabs.getByRole('tab')).toHaveText([
      `${name}.tsx`,
      `${name}.test.tsx`,
      `${name}.stories.tsx`,
    ]);
    const editor = workbench.locator('.monaco-editor').first();
    await expect(editor).toBeVisible({ timeout: 30_000 });
    await expect(workbench.getByTestId('editor-diagnostics')).toHaveText('No TypeScript errors', {
      timeout: 30_000,
    });
    const preview = workbench.getByTestId('workbench-preview');
    await expect(preview).toHaveAttribute('data-loads', '1', { timeout: 30_000 });

    // Monaco's icon font (inlined in its CSS as data:) loads: the CSP allows it and nothing is refused.
    expect(
      await page.evaluate(async () => (await document.fonts.load('16px codicon')).map((face) => face.status)),
    ).toEqual(['loaded']);
    expect(cspViolations).toEqual([]);

    // The story file is typed with Storybook's real types: a prop the component lacks is an error.
    const diagnosticsList = workbench.getByTestId('editor-diagnostics');
    await tabs.getByRole('tab', { name: `${name}.stories.tsx` }).click();
    await workbench.locator('.monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('export const WrongProp: Story = { args: { notAProp: true } };');
    await expect(diagnosticsList).toContainText(
      new RegExp(
        `${name}\\.stories\\.tsx:\\d+:\\d+ Object literal may only specify known properties, and 'notAProp' does not exist`,
      ),
      { timeout: 30_000 },
    );
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(diagnosticsList).toHaveText('No TypeScript errors', { timeout: 30_000 });

    // A type error shows as file:line:col under the editor.
    await tabs.getByRole('tab', { name: `${name}.stories.tsx` }).click();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(
      'export const EditedInMonaco = { render: () => <p className="text-fg">Edited in Monaco</p> };',
    );
    await page.keyboard.press('Escape');
    // The edit reaches the preview as a hot update: the new story renders, the page is not reloaded.
    const frame = page.frameLocator('[data-testid="workbench-preview"]');
    await expect(frame.getByText('Edited in Monaco')).toBeVisible({ timeout: 30_000 });
    await expect(preview).toHaveAttribute('data-loads', '1');
    await expect(workbench.getByTestId('preview-status')).toContainText('Preview updated');

    // Widths and the dark theme, without reloading the preview.
    await workbench.getByRole('button', { name: 'Mobile' }).click();
    await expect(preview).toHaveAttribute('data-width', 'mobile');
    expect((await preview.boundingBox())?.width).toBeCloseTo(390, 0);
    await workbench.getByRole('button', { name: 'Dark' }).click();
    await expect(preview).toHaveAttribute('data-theme', 'dark');
    await workbench.getByRole('button', { name: 'Desktop' }).click();

    // The generated tests, run on the server, next to the preview.
    await workbench.getByRole('button', { name: 'Run tests' }).click();
    await expect(workbench.getByTestId('test-summary')).toHaveText(/^\d+ passed, 0 failed$/, {
      timeout: 90_000,
    });
    await expect(workbench.getByTestId('test-result').first()).toHaveAttribute('data-status', 'passed');
    await page.screenshot({ path: screenshotPath('spark-generate-workbench-1280'), fullPage: true });

    // A follow-up prompt: the diff, then Accept puts it in the editor.
    await workbench.getByLabel('Change the component').fill('make it compact');
    await workbench.getByRole('button', { name: 'Apply' }).click();
    const proposal = workbench.getByTestId('edit-proposal');
    await expect(proposal).toBeVisible({ timeout: 30_000 });
    await expect(proposal.getByTestId('diff-file')).toHaveCount(3);
    await expect(proposal.locator('[data-kind="added"]').first()).toBeVisible();
    await expect(proposal.locator('[data-kind="removed"]').first()).toBeVisible();
    await page.screenshot({ path: screenshotPath('spark-generate-diff-1280'), fullPage: true });
    const updatesBefore = Number(await preview.getAttribute('data-updates'));
    const sessionBefore = await preview.getAttribute('data-preview-id');
    await proposal.getByRole('button', { name: 'Accept' }).click();
    await expect(proposal).toHaveCount(0);
    // The accepted files reach the same preview as a hot update.
    await expect
      .poll(async () => Number(await preview.getAttribute('data-updates')), { timeout: 30_000 })
      .toBeGreaterThan(updatesBefore);
    // Same session; Vite may reload the page inside when an edit changes the module's exports.
    await expect(preview).toHaveAttribute('data-preview-id', sessionBefore ?? '');

    // A type error: Monaco's diagnostics name it; the save check refuses it (422) with file:line:col.
    await tabs.getByRole('tab', { name: `${name}.stories.tsx` }).click();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText("export const Broken: number = 'not a number';");
    await page.keyboard.press('Escape');
    const diagnostics = workbench.getByTestId('editor-diagnostics');
    await expect(diagnostics).toContainText(
      new RegExp(`${name}\\.stories\\.tsx:\\d+:\\d+ Type 'string' is not assignable`),
      {
        timeout: 30_000,
      },
    );
    const save = page.getByRole('form', { name: 'Save component' });
    await save.getByRole('button', { name: 'Save component' }).click();
    const refused = workbench.getByTestId('save-check-problems');
    await expect(refused).toContainText(new RegExp(`${name}\\.stories\\.tsx:\\d+:\\d+`), { timeout: 30_000 });
    await expect(page).toHaveURL(/\/generate$/);
    // Remove the broken line again.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await expect(diagnostics).toHaveText('No TypeScript errors', { timeout: 30_000 });

    // 390 px: the page still fits.
    await screenshotBothWidths(page, 'spark-generate-editor');

    // A name the workspace already has is a form error (409); another one saves.
    const taken = `${name}Taken`;
    const created = await page.request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: {
        name: taken,
        source: `export function ${taken}() {\n  return <p className="text-fg">Taken</p>;\n}\n`,
      },
    });
    expect(created.status()).toBe(201);
    const nameField = save.getByLabel('Name', { exact: true });
    await expect(nameField).toHaveValue(name);
    await nameField.fill(taken);
    await save.getByRole('button', { name: 'Save component' }).click();
    await expect(save.getByTestId('save-name-error')).toContainText(
      `A component named ${taken} already exists`,
    );
    await expect(nameField).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/generate$/);
    await nameField.fill(name);
    await save.getByLabel('Category (optional)').fill('e2e');
    await save.getByRole('button', { name: 'Save component' }).click();

    // Version 1 in the library, then its page.
    await expect(page).toHaveURL(/\/components\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const id = page.url().split('/').pop() ?? '';
    const detail = (await (await page.request.get(`/api/components/${id}`)).json()) as {
      component: { name: string; origin: string; latest: { source: string; stories: string | null } };
    };
    expect(detail.component).toMatchObject({ name, origin: 'spark' });
    expect(detail.component.latest.source).toContain(`export function ${name}`);
    expect(detail.component.latest.stories).toContain(`${name}`);
    expect(detail.component.latest.stories).not.toContain('Broken');
    // The story typed in Monaco before the follow-up was merged with it, not replaced by it.
    expect(detail.component.latest.stories).toContain('EditedInMonaco');
    await screenshotBothWidths(page, 'spark-component-page');
    expect(cspViolations).toEqual([]);

    // LANDING, open all along: the feed row and SPARK's card arrive without a reload.
    await expect(landing.getByTestId('activity-row').filter({ hasText: name }).first()).toBeVisible({
      timeout: 20_000,
    });
    await expect(home.getByTestId('lifecycle-spark')).toContainText(name, { timeout: 20_000 });
  });

  test.describe('two tabs of one person', () => {
    // Their own user: the generations of the other tests (the admin's) do not take their slots.
    test.use({ storageState: storageStateFor('engineer') });

    test('[SPARK][GENERATE]: two tabs generate at once, one saves while the other edits, nothing lost; a third concurrent generation is told why (429)', async ({
      context,
    }) => {
      test.setTimeout(300_000);
      const tabs = await Promise.all([0, 1, 2].map(() => context.newPage()));
      for (const tab of tabs) {
        await tab.goto('/generate');
        await submitPrompt(tab, PROMPT);
        await expect(tab.getByTestId('plan-form')).toBeVisible({ timeout: 20_000 });
      }
      // Three at once: two run, the third is refused with the limit's message.
      await Promise.all(
        tabs.map((tab) => tab.getByTestId('plan-form').getByRole('button', { name: 'Generate' }).click()),
      );
      const outcomes = await Promise.all(
        tabs.map(async (tab) => {
          const done = tab.getByTestId('variation-card').first().or(tab.getByTestId('generation-error'));
          await expect(done).toBeVisible({ timeout: 120_000 });
          return (await tab.getByTestId('generation-error').count()) > 0 ? 'refused' : 'generated';
        }),
      );
      expect(outcomes.filter((outcome) => outcome === 'refused')).toHaveLength(1);
      const refused = tabs[outcomes.indexOf('refused')] as Page;
      await expect(refused.getByTestId('generation-error')).toContainText(
        'You already have 2 generations running: wait for one to finish, then try again.',
      );
      await expect(
        refused.getByTestId('generation-error').getByRole('button', { name: 'Try again' }),
      ).toBeVisible();
      const [first, second] = tabs.filter((_, index) => outcomes[index] === 'generated') as [Page, Page];

      // Both choose a variation: each has its own editor with the generated files.
      for (const tab of [first, second]) {
        await expect(tab.getByTestId('variation-card')).toHaveCount(3, { timeout: 60_000 });
        await tab
          .getByTestId('variation-card')
          .first()
          .getByRole('button', { name: /^Choose / })
          .click();
        await expect(tab.getByTestId('editor-diagnostics')).toHaveText('No TypeScript errors', {
          timeout: 60_000,
        });
      }

      // The second tab edits while the first saves under its own name.
      const firstName = uniqueName('FirstTab');
      const secondName = uniqueName('SecondTab');
      await second.bringToFront();
      await second.getByRole('tab', { name: /\.stories\.tsx$/ }).click();
      await second.locator('.monaco-editor').first().click();
      await second.keyboard.press('ControlOrMeta+End');
      await second.keyboard.press('Enter');
      await second.keyboard.insertText('export const EditedInSecondTab: Story = {};');
      await first.bringToFront();
      const firstSave = first.getByRole('form', { name: 'Save component' });
      await firstSave.getByLabel('Name', { exact: true }).fill(firstName);
      await firstSave.getByRole('button', { name: 'Save component' }).click();
      await expect(first).toHaveURL(/\/components\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      await expect(first.getByRole('heading', { level: 1, name: firstName })).toBeVisible();

      // The second tab's edit is still there, and it saves too (renamed in all three files).
      await second.bringToFront();
      await expect(second.getByTestId('editor-diagnostics')).toHaveText('No TypeScript errors', {
        timeout: 30_000,
      });
      const secondSave = second.getByRole('form', { name: 'Save component' });
      await secondSave.getByLabel('Name', { exact: true }).fill(secondName);
      await secondSave.getByRole('button', { name: 'Save component' }).click();
      await expect(second).toHaveURL(/\/components\/[0-9a-f-]{36}$/, { timeout: 30_000 });

      type TDetail = {
        component: { name: string; latest: { source: string; tests: string; stories: string } };
      };
      const detailOf = async (tab: Page) =>
        (await (
          await tab.request.get(`/api/components/${tab.url().split('/').pop() ?? ''}`)
        ).json()) as TDetail;
      const saved = [await detailOf(first), await detailOf(second)];
      expect(saved.map((detail) => detail.component.name)).toEqual([firstName, secondName]);
      expect(saved[0]?.component.latest.stories).not.toContain('EditedInSecondTab');
      expect(saved[1]?.component.latest.stories).toContain('export const EditedInSecondTab: Story = {};');
      expect(saved[1]?.component.latest.source).toContain(`export function ${secondName}`);
      expect(saved[1]?.component.latest.tests).toContain(`from './${secondName}'`);
    });
  });
});
