import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';

const LANDING = systemUrl('landing');

/** The error under a wizard field (FormField's error line carries the control's id in data-field). */
async function errorOf(page: Page, testId: string) {
  const id = await page.getByTestId(testId).getAttribute('id');
  return page.locator(`[data-testid="field-error"][data-field="${id ?? ''}"]`);
}

/** The preview's package.json as the server rendered it for the current answers. */
const previewedPackageJson = (page: Page) =>
  page.getByTestId('preview-content').and(page.locator('[data-path="package.json"]'));

test('[IGNITION][WIZARD]: gallery → five validated steps with a live preview → the task creates the project → its zip download, its page, IGNIS’s list, LANDING’s card and search', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = `e2e-wizard-${Date.now().toString(36)}`;

  // The gallery: the three built-in templates, each opening the wizard.
  await page.goto('/templates');
  const card = page.getByTestId('template-card').and(page.locator('[data-key="next-app"]'));
  await expect(card).toContainText('Next.js application');
  await expect(card).toContainText(/\d+ files/);
  expect(await page.getByTestId('template-card').count()).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: screenshotPath('ignition-templates'), fullPage: true });
  await card.getByRole('link', { name: /Use template/ }).click();
  await expect(page).toHaveURL(/\/new\?template=next-app$/);
  const wizard = page.getByTestId('project-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'project');

  // Step 1: an invalid npm name, then a taken one, each refused at the field.
  const nameInput = page.getByTestId('project-name');
  await nameInput.fill('Not A Valid Name');
  await page.getByTestId('wizard-next').click();
  await expect(await errorOf(page, 'project-name')).toBeVisible();
  await expect(nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard).toHaveAttribute('data-step', 'project');

  await nameInput.fill('starter');
  await expect(await errorOf(page, 'project-name')).toHaveText(/already|taken/i);
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'project');

  // A free name: the preview's package.json follows it as it changes.
  await nameInput.fill(`${name}-draft`);
  await expect(previewedPackageJson(page)).toContainText(`"name": "${name}-draft"`, { timeout: 15_000 });
  await nameInput.fill(name);
  await page.getByTestId('project-description').fill('Created by the IGNITION wizard e2e');
  await expect(previewedPackageJson(page)).toContainText(`"name": "${name}"`, { timeout: 15_000 });
  await expect(page.getByTestId('preview-file').and(page.locator('[data-path="README.md"]'))).toBeVisible();

  // The draft survives a reload (sessionStorage, per template).
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveValue(name);
  await page.screenshot({ path: screenshotPath('ignition-wizard-project'), fullPage: true });
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'dependencies');

  // Step 2: an npm package that does not exist is refused at its field and stays out of the list.
  const missing = `lumenforge-no-such-package-${Date.now().toString(36)}`;
  await page.getByLabel('Package name').fill(missing);
  await page.getByRole('button', { name: 'Add package' }).click();
  await expect(page.locator(`[data-testid="field-error"][data-field$="-dependency-name"]`)).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId('added-dependency')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('ignition-wizard-dependencies'), fullPage: true });
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'tokens');

  // Step 3: the default token set; step 4: no Git remote; step 5: dev.
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'git');
  await expect(page.getByTestId('git-kind').getByRole('radio', { name: /No remote/ })).toBeChecked();
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', 'deploy');
  await page
    .getByTestId('environment')
    .getByRole('radio', { name: /Development/ })
    .check();
  await page.getByTestId('wizard-next').click();

  // The task page: every step succeeds (GitHub and push are skipped without a remote).
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]+$/, { timeout: 15_000 });
  await expect(page.getByTestId('task')).toHaveAttribute('data-status', 'succeeded', { timeout: 90_000 });
  for (const step of await page.getByTestId('task-step').all())
    await expect(step).toHaveAttribute('data-status', /^(succeeded|skipped)$/);
  await expect(page.getByTestId('task-progress')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('task-log')).not.toContainText('No output yet.');
  await page.screenshot({ path: screenshotPath('ignition-task'), fullPage: true });

  // Git target "none": the code is downloaded as a zip holding the rendered project.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('task-download-zip').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${name}.zip`);
  const zip = await download.path();
  const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
  expect(entries).toContain('package.json');
  expect(entries).toContain('README.md');
  const packageJson = JSON.parse(execFileSync('unzip', ['-p', zip, 'package.json'], { encoding: 'utf8' }));
  expect(packageJson).toMatchObject({ name, description: 'Created by the IGNITION wizard e2e' });

  await page.getByTestId('task-project-link').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${name}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  const projectZip = page.getByTestId('project-download-zip');
  await expect(projectZip).toHaveAttribute('href', /^\/api\/projects\/[0-9a-f-]+\/archive$/);
  const archive = await page.request.get((await projectZip.getAttribute('href')) ?? '');
  expect(archive.status()).toBe(200);
  expect(archive.headers()['content-type']).toBe('application/zip');
  expect(archive.headers()['content-disposition']).toBe(`attachment; filename="${name}.zip"`);

  // IGNIS: the new project is listed on its home page and opens there.
  await page.goto(systemUrl('ignis'));
  const inIgnis = page.getByRole('link', { name, exact: true });
  await expect(inIgnis).toBeVisible();
  await expect(inIgnis).toHaveAttribute('href', /^\/projects\/[0-9a-f-]+$/);

  // LANDING: the card counts it as the newest project, and search finds it.
  await expect(async () => {
    await page.goto(LANDING);
    await expect(page.getByTestId('lifecycle-ignition')).toContainText(name, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill(name);
  const hit = page.getByTestId('search-result').filter({ hasText: name }).first();
  await expect(hit).toHaveAttribute('data-kind', 'project');
  await hit.click();
  await expect(page).toHaveURL(`${systemUrl('ignition')}/projects/${name}`);
});

test('[IGNITION][TEMPLATES]: an administrator’s invalid template upload lists each issue by path; nothing is stored', async ({
  page,
}) => {
  await page.goto('/templates');
  const form = page.getByRole('form', { name: 'Add or update a template' });
  await form.getByTestId('template-json').fill(
    JSON.stringify({
      manifest: {
        id: 'Not Kebab',
        name: '',
        version: 'one',
        parameters: { type: 'object', properties: {} },
        files: [],
      },
      files: [],
    }),
  );
  await form.getByRole('button', { name: 'Validate and store' }).click();
  const issues = form.getByTestId('template-issues');
  await expect(issues).toContainText('manifest.version');
  await expect(issues).toContainText('manifest.id');
  await expect(page.getByTestId('template-card').and(page.locator('[data-key="Not Kebab"]'))).toHaveCount(0);

  // Not JSON at all: refused before it is sent.
  await form.getByTestId('template-json').fill('{ manifest');
  await form.getByRole('button', { name: 'Validate and store' }).click();
  await expect(form.getByTestId('field-error')).toContainText('Not valid JSON');
});
