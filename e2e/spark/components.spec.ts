import { expect, test, type Page } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { storageStateFor } from '../shared/sign-in';

/** A name no other run or parallel test uses (PascalCase: letters and digits only). */
const uniqueName = (prefix: string) =>
  `${prefix}${Date.now()}${String(Math.floor(Math.random() * 1_000)).padStart(3, '0')}`;

const sourceOf = (name: string) => `export type ${name}Props = { title: string };

export function ${name}({ title }: ${name}Props) {
  return <article className="rounded-lg border p-4">{title}</article>;
}`;

/** Writes through the API need the app's Origin, as a browser sends it. */
const WRITE_HEADERS = { Origin: systemUrl('spark') };

/** Fills the "New component" form and saves it. */
async function submitNewComponent(
  page: Page,
  fields: { name: string; description?: string; category?: string; source: string },
) {
  await page.goto('/components/new');
  await expect(page).toHaveTitle(/New component · Spark · LumenForge/);
  await page.getByLabel('Name', { exact: true }).fill(fields.name);
  if (fields.description) await page.getByLabel('Description (optional)').fill(fields.description);
  if (fields.category) await page.getByLabel('Category (optional)').fill(fields.category);
  await page.getByLabel('Source', { exact: true }).fill(fields.source);
  await page.getByRole('button', { name: 'Save component' }).click();
}

test.describe('[SPARK] component library', () => {
  test('[SPARK][COMPONENTS]: an admin saves a component through the form, lands on its page and finds it in the library', async ({
    page,
    request,
  }) => {
    const name = uniqueName('Card');
    const source = sourceOf(name);
    await submitNewComponent(page, {
      name,
      description: 'A card for the e2e library test',
      category: 'e2e',
      source,
    });

    // Its page: name, status, version 1 written by hand, and the source as saved.
    await expect(page).toHaveURL(/\/components\/[0-9a-f-]{36}$/);
    await expect(page).toHaveTitle(new RegExp(`${name} · Spark · LumenForge`));
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Draft', { exact: true })).toBeVisible();
    await expect(page.getByText('Written by hand')).toBeVisible();
    await expect(page.getByTestId('component-source')).toContainText(`export function ${name}(`);
    await expect(page.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(2);
    await page.screenshot({ path: screenshotPath('spark-component-detail'), fullPage: true });
    const id = page.url().split('/').pop() ?? '';

    // The API returns the same component.
    const detail = await request.get(`/api/components/${id}`);
    expect(detail.status()).toBe(200);
    const { component } = await detail.json();
    expect(component).toMatchObject({
      id,
      name,
      category: 'e2e',
      origin: 'manual',
      latestVersion: 1,
      latest: { number: 1, source },
    });

    // The library lists it, newest changes first, linking to its page.
    await page.goto('/components');
    await expect(page).toHaveTitle(/Components · Spark · LumenForge/);
    const row = page.getByTestId('component-row').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name })).toHaveAttribute('href', `/components/${id}`);
    await page.screenshot({ path: screenshotPath('spark-components'), fullPage: true });

    // Search by name (the GET form, `?q=`) finds it and only what matches.
    await page.getByLabel('Name, description or category').fill(name);
    await page
      .getByRole('search', { name: 'Search components' })
      .getByRole('button', { name: 'Search' })
      .click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${name}`));
    await expect(page.getByTestId('component-row')).toHaveCount(1);
    await expect(page.getByTestId('component-row')).toContainText(name);
    const listed = await (await request.get(`/api/components?q=${name}`)).json();
    expect(listed.components.map((c: { name: string }) => c.name)).toEqual([name]);

    // Its link leads back to its page.
    await page.getByTestId('component-row').getByRole('link', { name }).click();
    await expect(page.getByTestId('component-source')).toContainText(source.split('\n')[0] ?? name);
  });

  test('[SPARK][COMPONENTS]: a name that is not PascalCase shows the field error and nothing is saved', async ({
    page,
    request,
  }) => {
    const suffix = uniqueName('');
    const badName = `card ${suffix}`;
    await submitNewComponent(page, { name: badName, source: sourceOf('Card') });
    const nameField = page.getByLabel('Name', { exact: true });
    await expect(page.getByText(/Use PascalCase/)).toBeVisible();
    await expect(nameField).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/components\/new$/);

    // The server is the authority: it refuses the same name with an issue on the field.
    const refused = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: { name: badName, source: sourceOf('Card') },
    });
    expect(refused.status()).toBe(400);
    const problem = await refused.json();
    expect(problem.error).toBe('invalid_request');
    expect(problem.issues).toContainEqual(expect.objectContaining({ path: 'name' }));
    const missingSource = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: { name: uniqueName('NoSource') },
    });
    expect(missingSource.status()).toBe(400);
    expect((await missingSource.json()).issues).toContainEqual(expect.objectContaining({ path: 'source' }));

    const listed = await (await request.get(`/api/components?q=${suffix}`)).json();
    expect(listed.components).toEqual([]);
  });

  test('[SPARK][COMPONENTS]: code that does not parse, or styles outside the tokens, is refused under Source with file:line:column', async ({
    page,
    request,
  }) => {
    // The issue's own case: a broken signature was once saved as version 1 with HTTP 201.
    const name = uniqueName('Broken');
    await submitNewComponent(page, { name, source: `export function ${name}( {\n  return null;\n}` });
    const sourceField = page.getByLabel('Source', { exact: true });
    await expect(sourceField).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(new RegExp(`${name}\\.tsx:\\d+:\\d+ `))).toBeVisible();
    await expect(page).toHaveURL(/\/components\/new$/);

    const offPalette = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: {
        name,
        source: `export function ${name}() {\n  return <p className="bg-blue-500 p-[13px]" />;\n}\n`,
      },
    });
    expect(offPalette.status()).toBe(422);
    const problem = await offPalette.json();
    expect(problem.error).toBe('component_check_failed');
    expect(problem.issues).toEqual([
      {
        path: 'source',
        message: expect.stringMatching(
          new RegExp(`^${name}\\.tsx:2:\\d+ \`bg-blue-500\` is not a SLATE colour token`),
        ),
      },
      { path: 'source', message: expect.stringMatching(/`p-\[13px\]` is an arbitrary value/) },
    ]);
    expect((await (await request.get(`/api/components?q=${name}`)).json()).components).toEqual([]);
  });

  test('[SPARK][COMPONENTS]: saving a name the workspace already has, in any case, shows the 409 message', async ({
    page,
    request,
  }) => {
    const name = uniqueName('Card');
    const created = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: { name, source: sourceOf(name) },
    });
    expect(created.status()).toBe(201);

    // The same name through the form: refused above the form, and the page stays.
    await submitNewComponent(page, { name, source: sourceOf(name) });
    await expect(page.getByText(`A component named ${name} already exists in this workspace`)).toBeVisible();
    await expect(page).toHaveURL(/\/components\/new$/);
    await expect(page.getByRole('button', { name: 'Save component' })).toBeEnabled();

    // Names are unique whatever their case.
    const shouted = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: { name: name.toUpperCase(), source: sourceOf(name.toUpperCase()) },
    });
    expect(shouted.status()).toBe(409);
    expect((await shouted.json()).error).toBe('conflict');

    const listed = await (await request.get(`/api/components?q=${name}`)).json();
    expect(listed.components).toHaveLength(1);
  });

  test('[SPARK][COMPONENTS]: an unknown component is a clear 404, in the API and on the page', async ({
    page,
    request,
  }) => {
    const missing = await request.get(`/api/components/${crypto.randomUUID()}`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toContain('application/json');
    expect(await missing.json()).toMatchObject({ error: 'not_found', message: expect.any(String) });
    expect((await request.get('/api/components/not-a-uuid')).status()).toBe(404);
    expect((await request.get('/api/components?limit=0')).status()).toBe(400);
    expect((await request.get(`/api/components?q=${'x'.repeat(201)}`)).status()).toBe(400);

    const response = await page.goto(`/components/${crypto.randomUUID()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Component not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the component library' })).toBeVisible();
  });
});

test.describe('[SPARK] component library, read only', () => {
  test.use({ storageState: storageStateFor('designer') });

  test('[SPARK][COMPONENTS]: a designer browses the library but cannot create components', async ({
    page,
    request,
  }) => {
    await page.goto('/components');
    await expect(page.getByRole('heading', { level: 1, name: 'Components' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New component' })).toHaveCount(0);

    await page.goto('/components/new');
    await expect(page.getByText('You cannot create components')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save component' })).toHaveCount(0);

    const refused = await request.post('/api/components', {
      headers: WRITE_HEADERS,
      data: { name: uniqueName('Designer'), source: sourceOf('Designer') },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error).toBe('forbidden');
  });
});
