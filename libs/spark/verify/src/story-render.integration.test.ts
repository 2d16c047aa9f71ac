import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from './run-dir';
import { renderStories } from './story-render';
import {
  COUNTER_WITH_FAILING_PLAY,
  ENDLESS_PLAY,
  STORIES_THAT_DO_NOT_LOAD,
  THROWING_PANEL,
  GOOD_COUNTER,
  LIST_WITH_CONSOLE_ERROR,
  LOW_CONTRAST_BADGE,
  UNLABELED_INPUT,
} from './verify-fixtures';

const RUNS_DIR = join(findWorkspaceRoot(), '.lumenforge', 'spark-verify');
/** Run folders holding this test's files (other processes, SPARK's API among them, may run meanwhile). */
const runsOfThisTest = async () =>
  (await readdir(RUNS_DIR).catch(() => [] as string[])).filter((run) =>
    existsSync(join(RUNS_DIR, run, 'component-4/Badge.stories.tsx')),
  );

describe('renderStories (Vite harness, Chromium, axe-core)', () => {
  it('renders every story, runs play and axe, and tells a clean story from each kind of problem', async () => {
    const result = await renderStories(
      [GOOD_COUNTER, LIST_WITH_CONSOLE_ERROR, COUNTER_WITH_FAILING_PLAY, UNLABELED_INPUT, LOW_CONTRAST_BADGE],
      // The environment's Chromium (CI sets CHROMIUM_PATH), else the usual system paths.
      { chromiumPath: process.env['CHROMIUM_PATH'] },
    );
    console.log(`renderStories: ${result.stories.length} stories in ${result.durationMs} ms`);
    expect(result.errors).toEqual([]);
    const byKey = new Map(result.stories.map((story) => [`${story.componentIndex}/${story.story}`, story]));
    expect([...byKey.keys()]).toEqual([
      '0/Default',
      '0/StartsAtFive',
      '1/Default',
      '2/Default',
      '2/StartsAtFive',
      '3/Empty',
      '4/Default',
    ]);

    for (const key of ['0/Default', '0/StartsAtFive', '2/StartsAtFive'])
      expect(byKey.get(key), key).toEqual(
        expect.objectContaining({ rendered: true, consoleErrors: [], axeViolations: [] }),
      );
    expect(byKey.get('0/Default')?.playError).toBeUndefined();

    expect(byKey.get('1/Default')).toMatchObject({
      component: 'Fruits',
      rendered: true,
      consoleErrors: [expect.stringMatching(/unique "key" prop/)],
      axeViolations: [],
    });

    expect(byKey.get('2/Default')).toMatchObject({
      rendered: true,
      consoleErrors: [],
      playError: expect.stringMatching(/Clicks: 3/),
    });

    expect(byKey.get('3/Empty')).toMatchObject({
      component: 'NameField',
      rendered: true,
      consoleErrors: [],
      axeViolations: [expect.objectContaining({ id: 'label', impact: 'critical', nodes: ['input'] })],
    });
    // Contrast is judged on the token colours Tailwind generated (unstyled text would pass).
    expect(byKey.get('4/Default')?.axeViolations).toEqual([
      expect.objectContaining({ id: 'color-contrast', impact: 'serious', nodes: ['span'] }),
    ]);
    expect(await runsOfThisTest()).toEqual([]);
  });

  it('reports a render that throws, a stories module that does not load and a play that never ends', async () => {
    const result = await renderStories([THROWING_PANEL, STORIES_THAT_DO_NOT_LOAD, ENDLESS_PLAY], {
      chromiumPath: process.env['CHROMIUM_PATH'],
      storyTimeoutMs: 3_000,
    });
    expect(result.errors).toEqual([
      {
        componentIndex: 1,
        message: expect.stringMatching(/stories of Panel did not load: .*breaks while loading/),
      },
    ]);
    expect(result.stories.map((story) => `${story.componentIndex}/${story.story}`)).toEqual([
      '0/Broken',
      '0/Fine',
      '2/Default',
      '2/StartsAtFive',
    ]);
    const [broken, fine, endless, afterEndless] = result.stories;
    expect(broken).toMatchObject({ rendered: false, axeViolations: [] });
    expect(broken?.consoleErrors.join('\n')).toMatch(/Panel cannot show boom/);
    expect(fine).toMatchObject({ rendered: true, consoleErrors: [], axeViolations: [] });
    expect(endless?.playError).toBeUndefined();
    expect(afterEndless).toMatchObject({
      rendered: true,
      playError: expect.stringMatching(/play did not finish within 3000 ms/),
    });
  });
});
