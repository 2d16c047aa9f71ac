// Hand-written components for the integration tests: one that is right in every way, and ones with
// exactly one thing wrong each (a failing test, a console error, a failing play, an axe violation).
import { COUNTER_SOURCE, COUNTER_STORIES, COUNTER_TESTS } from '@lumenforge/spark-checks/testing';
import type { TGeneratedFiles } from '@lumenforge/spark-generator';

/** Right in every way: its tests pass, its stories render cleanly, play passes, no axe violation. */
export const GOOD_COUNTER: TGeneratedFiles = {
  name: 'Counter',
  source: COUNTER_SOURCE,
  tests: COUNTER_TESTS,
  stories: COUNTER_STORIES,
};

/** The second test expects the wrong count: 1 passed, 1 failed. */
export const COUNTER_WITH_FAILING_TEST: TGeneratedFiles = {
  ...GOOD_COUNTER,
  tests: COUNTER_TESTS.replace("toBe('Clicks: 5')", "toBe('Clicks: 6')"),
};

/** A test file that throws while it loads (no test runs at all). */
export const COUNTER_WITH_BROKEN_TEST_FILE: TGeneratedFiles = {
  ...GOOD_COUNTER,
  tests: `${COUNTER_TESTS}\nthrow new Error('the test file breaks while loading');\n`,
};

/** A test that never ends (the run must be stopped, not reported as passing). */
export const COUNTER_WITH_ENDLESS_TEST: TGeneratedFiles = {
  ...GOOD_COUNTER,
  tests: COUNTER_TESTS.replace(
    "it('starts from the initial count', () => {",
    "it('starts from the initial count', () => {\n    for (;;) {}\n  });\n  it('never reached', () => {",
  ),
};

/** A list without keys: React logs an error to the console while rendering. */
export const LIST_WITH_CONSOLE_ERROR: TGeneratedFiles = {
  name: 'Fruits',
  source: `export function Fruits({ items }: { items: string[] }) {
  return (
    <ul className="flex flex-col gap-2 text-fg">
      {items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}
`,
  tests: `import { expect, it } from 'vitest';\nit('exists', () => expect(1).toBe(1));\n`,
  stories: `import type { Meta, StoryObj } from '@storybook/react';
import { Fruits } from './Fruits';

const meta = { component: Fruits, args: { items: ['Apple', 'Pear'] } } satisfies Meta<typeof Fruits>;
export default meta;
export const Default: StoryObj<typeof meta> = {};
`,
};

/** The counter with a play function that expects the wrong text. */
export const COUNTER_WITH_FAILING_PLAY: TGeneratedFiles = {
  ...GOOD_COUNTER,
  stories: COUNTER_STORIES.replace("toHaveTextContent('Clicks: 1')", "toHaveTextContent('Clicks: 3')"),
};

/** An input with no label: axe-core's `label` rule. */
export const UNLABELED_INPUT: TGeneratedFiles = {
  name: 'NameField',
  source: `export function NameField({ placeholder }: { placeholder?: string }) {
  return <input type="text" className="rounded-md border border-border px-3 py-2" placeholder={placeholder} />;
}
`,
  tests: `import { expect, it } from 'vitest';\nit('exists', () => expect(1).toBe(1));\n`,
  stories: `import type { Meta, StoryObj } from '@storybook/react';
import { NameField } from './NameField';

const meta = { component: NameField } satisfies Meta<typeof NameField>;
export default meta;
export const Empty: StoryObj<typeof meta> = {};
`,
};

/** Light accent text on a light accent background: axe-core's `color-contrast`, judged on the token colours. */
export const LOW_CONTRAST_BADGE: TGeneratedFiles = {
  name: 'Badge',
  source: `export function Badge({ label }: { label: string }) {
  return <span className="rounded-md bg-accent-100 px-2 py-1 text-sm text-accent-300">{label}</span>;
}
`,
  tests: `import { expect, it } from 'vitest';\nit('exists', () => expect(1).toBe(1));\n`,
  stories: `import type { Meta, StoryObj } from '@storybook/react';
import { Badge } from './Badge';

const meta = { component: Badge, args: { label: 'New' } } satisfies Meta<typeof Badge>;
export default meta;
export const Default: StoryObj<typeof meta> = {};
`,
};

/** A component that throws while rendering: `rendered: false`, the error among the console errors. */
export const THROWING_PANEL: TGeneratedFiles = {
  name: 'Panel',
  source: `export function Panel({ title }: { title: string }) {
  if (title === 'boom') throw new Error('Panel cannot show boom');
  return <section aria-label={title} className="p-4">{title}</section>;
}
`,
  tests: `import { expect, it } from 'vitest';\nit('exists', () => expect(1).toBe(1));\n`,
  stories: `import type { Meta, StoryObj } from '@storybook/react';
import { Panel } from './Panel';

const meta = { component: Panel, args: { title: 'boom' } } satisfies Meta<typeof Panel>;
export default meta;
export const Broken: StoryObj<typeof meta> = {};
export const Fine: StoryObj<typeof meta> = { args: { title: 'Settings' } };
`,
};

/** A stories module that throws when it is imported: an error of its component, no story results. */
export const STORIES_THAT_DO_NOT_LOAD: TGeneratedFiles = {
  ...THROWING_PANEL,
  stories: `${THROWING_PANEL.stories}\nthrow new Error('the stories module breaks while loading');\n`,
};

/** A play function that never finishes: stopped after the story timeout, reported as a play error. */
export const ENDLESS_PLAY: TGeneratedFiles = {
  ...GOOD_COUNTER,
  stories: COUNTER_STORIES.replace(
    'play: async ({ canvasElement }) => {',
    'play: async ({ canvasElement }) => {\n    await new Promise(() => undefined);',
  ),
};
