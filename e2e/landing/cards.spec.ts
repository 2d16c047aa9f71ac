import { expect, test } from '@playwright/test';
import { SYSTEM_IDS, systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';
import { publishTokenVersionInSlate } from '../shared/slate-tokens';

const SLATE = systemUrl('slate');
const CARD_SYSTEMS = SYSTEM_IDS.filter((id) => id !== 'landing');
type TSystemsStatus = {
  checkedAt: string;
  systems: Record<string, { status: string; checkedAt: string; latencyMs: number | null; source: string }>;
};

test('[LANDING][CARDS]: five system cards show ok with their lifecycle; SLATE shows the published version and follows a new one live', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('cards-live')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  for (const id of CARD_SYSTEMS) {
    const card = page.getByTestId(`card-${id}`);
    await expect(page.getByTestId(`status-${id}`)).toHaveText('Operational');
    // Admin may use every system: each card is a link, none is marked unavailable.
    await expect(card).toHaveAttribute('data-available', 'true');
    await expect(card.getByRole('link', { name: new RegExp(`^${id}$`, 'i') })).toHaveAttribute(
      'href',
      systemUrl(id),
    );
    await expect(page.getByTestId(`health-meta-${id}`)).toContainText('Checked');
  }
  await expect(page.locator('[data-available="false"]')).toHaveCount(0);

  // SPARK counts the workspace's components (other specs add some), as its API lists them.
  const listed = await page.request.get(`${systemUrl('spark')}/api/components?limit=200`);
  const { components } = (await listed.json()) as { components: unknown[] };
  const spark = page.getByTestId('lifecycle-spark');
  if (components.length === 0)
    await expect(spark).toHaveText('No components yet — generated components appear here');
  else await expect(spark).toContainText(/Components\s*\d+/);
  // IGNITION counts the workspace's projects: IGNIS's builder gives the demo workspace its starter
  // project at start, and other specs add some.
  const ignition = page.getByTestId('lifecycle-ignition');
  await expect(ignition).toHaveAttribute('data-kind', 'facts');
  await expect(ignition).toContainText(/Projects\s*\d+/);
  // IGNIS shows the latest build once there is one (the builds specs run some, in parallel with this one).
  const ignis = page.getByTestId('lifecycle-ignis');
  await expect(ignis).toHaveAttribute('data-kind', /^(facts|empty)$/);
  if ((await ignis.getAttribute('data-kind')) === 'facts') await expect(ignis).toContainText('Last build');
  // Nothing in the e2e platform deploys yet: WAYPOINT's card says what will appear.
  await expect(page.getByTestId('lifecycle-waypoint')).toHaveAttribute('data-kind', 'empty');

  // SLATE: the published version (the seed publishes one; other specs publish more), linking to its page.
  const slate = page.getByTestId('lifecycle-slate');
  await expect(slate).toHaveAttribute('data-kind', 'facts');
  await expect(slate.getByRole('link', { name: /^v\d+\.\d+\.\d+/ })).toHaveAttribute(
    'href',
    new RegExp(`^${SLATE}/versions/\\d+$`),
  );
  await expect(slate).toContainText(/On\s*\d{1,2} \w{3} \d{4}/);
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));

  // SLATE publishes: the card shows the new version without a reload (wissil.tokens.updated).
  const { version } = await publishTokenVersionInSlate(page.request, {
    system: 'waypoint',
    changelog: `Home cards e2e ${Date.now()}`,
  });
  const link = slate.getByRole('link', { name: `v${version.semver}` });
  await expect(link).toBeVisible({ timeout: 15_000 });
  await expect(link).toHaveAttribute('href', `${SLATE}/versions/${version.number}`);
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(
    true,
  );
  await page.screenshot({ path: screenshotPath('landing-home-cards'), fullPage: true });
});

test('[LANDING][CARDS]: a card whose last report is stale is checked by LANDING: red when the check fails, green again with the next report', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByTestId('cards-live')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('status-spark')).toHaveText('Operational');

  // LANDING's check answers as if SPARK had stopped (the other systems as checked).
  await page.route('**/api/systems/status', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as TSystemsStatus;
    const spark = body.systems['spark'];
    if (spark) body.systems['spark'] = { ...spark, status: 'down', latencyMs: 1_500 };
    await route.fulfill({ response, json: body });
  });
  const checked = page.waitForResponse((response) => response.url().endsWith('/api/systems/status'));
  // 40 s without a report the browser trusts: every card is stale and LANDING is asked.
  await page.clock.fastForward('00:40');
  expect((await checked).status()).toBe(200);
  await expect(page.getByTestId('status-spark')).toHaveText('Down');
  await expect(page.getByTestId('status-slate')).toHaveText('Operational');

  // SPARK's next wissil.system.health (every 15 s) turns it green, without a reload.
  await page.unroute('**/api/systems/status');
  await expect(page.getByTestId('status-spark')).toHaveText('Operational', { timeout: 25_000 });
});

test('[LANDING][CARDS]: GET /api/systems/status checks every system now, never cached', async ({
  request,
}) => {
  const response = await request.get('/api/systems/status');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = (await response.json()) as TSystemsStatus;
  expect(Date.now() - Date.parse(body.checkedAt)).toBeLessThan(60_000);
  expect(Object.keys(body.systems).sort()).toEqual([...SYSTEM_IDS].sort());
  for (const id of SYSTEM_IDS) {
    expect(body.systems[id]?.status, id).toBe('ok');
    expect(body.systems[id]?.source).toBe('check');
    expect(body.systems[id]?.latencyMs).toBeLessThan(1_500);
  }
  const lifecycle = await request.get('/api/systems/lifecycle');
  expect(lifecycle.status()).toBe(200);
  const cards = (await lifecycle.json()) as { lifecycle: Record<string, { kind: string } | null> };
  expect(cards.lifecycle['slate']?.kind).toBe('tokens');
  // Other specs save components in SPARK at any moment: empty before the first, counted after.
  expect(['empty', 'components']).toContain(cards.lifecycle['spark']?.kind);
  // IGNIS: empty until the builds specs (in parallel) run one; IGNITION: the seeded starter project at least.
  expect(['empty', 'build']).toContain(cards.lifecycle['ignis']?.kind);
  expect(cards.lifecycle['ignition']?.kind).toBe('projects');
  expect(cards.lifecycle['waypoint']).toEqual({ kind: 'empty' });
});
