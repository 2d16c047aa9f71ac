// Writes a component's three files from a small declarative spec, so a part says only what is its
// own (props, body, the ready render, its behaviour tests, its play) and the kit adds the rest the
// same way everywhere: props type and defaults, loading/error/empty/disabled states with their tests
// and stories, async loading of items, React.memo, the imports each file actually uses, and the
// test `setup` helper and story args built from samples of every prop.
import type { TComponentPlan, TComponentState, TExpert } from '../types';
import { expertNotes, type TPartBuild, type TPartContext } from './part';
import { humanise, literal, sentence } from './part-kit';

/** Marks an event prop's sample: `vi.fn()` in tests, `fn()` in stories. */
export const FN = '@fn';

export type TKitProp = {
  name: string;
  type: string;
  description: string;
  /** Required props get no default; optional is the default. */
  optional?: boolean;
  /** TypeScript source of the default value used in the component's destructuring. */
  defaultValue?: string;
  /** TypeScript source of a sample value for tests and stories (`FN` for handlers). */
  sample?: string;
};

export type TKitTest = { name: string; body: string[] };
export type TKitStory = { name: string; args?: string; play?: string[] };

/** A list of things the component shows: passed as a prop or, for async plans, loaded. */
export type TKitItems = {
  /** The prop holding them (`items`, `options`). */
  prop: string;
  /** The item type's name and its declaration (`export type ListItem = {…}`). */
  typeName: string;
  typeSource: string;
  /** TypeScript source of sample items (an array literal) for tests and stories. */
  sample: string;
  /** Visible text of the first sample item, to find it once loaded. */
  firstText: string;
  /** What the items are called in messages ("items", "options"). */
  noun: string;
};

/**
 * Items whose fields are all text (tabs, sections, steps, links): their type and sample come from
 * the sample items themselves, fields in the order the first one lists them.
 */
export function textItems(spec: {
  prop: string;
  typeName: string;
  noun: string;
  items: ReadonlyArray<Readonly<Record<string, string>>>;
  /** The field shown as the item's visible text. */
  textField: string;
  /** The item whose text tests look for (the first by default). */
  shown?: Readonly<Record<string, string>>;
}): TKitItems {
  const fields = Object.keys(spec.items[0] ?? {});
  return {
    prop: spec.prop,
    typeName: spec.typeName,
    typeSource: `export type ${spec.typeName} = { ${fields.map((field) => `${field}: string`).join('; ')} };`,
    sample: `[${spec.items.map((item) => `{ ${fields.map((field) => `${field}: ${literal(item[field] ?? '')}`).join(', ')} }`).join(', ')}]`,
    firstText: (spec.shown ?? spec.items[0])?.[spec.textField] ?? '',
    noun: spec.noun,
  };
}

export type TKitSpec = {
  plan: TComponentPlan;
  context: TPartContext;
  /** Top-level declarations after the imports (types, constants, helpers). */
  declarations?: string[];
  props: TKitProp[];
  items?: TKitItems;
  /** Statements at the top of the component body (hooks, handlers, derived values). */
  body?: string[];
  /** JSX of the ready state. */
  render: string;
  /** States the part renders itself: the kit adds their props and stories, not an early return or test. */
  ownStates?: TComponentState[];
  /** How `disabled` applies: the part passes it to its controls, or the kit marks the root. */
  disabledOn: 'controls' | 'root';
  /** Behaviour and keyboard tests; bodies may `await setup(overrides)` → `{ props, user }`. */
  tests: TKitTest[];
  /** The Default story's interaction test (`canvas`, `args`, `userEvent`, `expect` in scope). */
  play: string[];
  stories?: TKitStory[];
  notes: Partial<Record<TExpert, string[]>>;
};

const STATE_PROPS: Record<Exclude<TComponentState, 'empty'>, TKitProp> = {
  loading: { name: 'isLoading', type: 'boolean', description: 'Shows the loading state.', defaultValue: 'false' },
  error: { name: 'error', type: 'string | null', description: 'An error message shown instead of the content.', defaultValue: 'null' },
  disabled: { name: 'disabled', type: 'boolean', description: 'Turns interaction off.', defaultValue: 'false' },
};

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : pad + line))
    .join('\n');
}

function uses(code: string, identifier: string): boolean {
  return new RegExp(`(?<![\\w.$])${identifier.replace(/\$/g, '\\$')}(?![\\w$])`).test(code);
}

/** The React imports a piece of code calls. */
function reactImports(code: string): string[] {
  const hooks = ['memo', 'useCallback', 'useDeferredValue', 'useEffect', 'useId', 'useMemo', 'useRef', 'useState'];
  // `useRef<HTMLElement>(null)` calls the hook too: a type argument may sit between name and call.
  return hooks.filter((hook) => new RegExp(`(?<![\\w.])${hook}(?:<[^>]*>)?\\(`).test(code));
}

/** A sample for a prop the plan added and the part does not know, from its type. */
function sampleFromType(prop: TKitProp): string | undefined {
  const type = prop.type.trim();
  if (/=>/.test(type)) return FN;
  if (type === 'string') return literal(sentence(humanise(prop.name)));
  if (type === 'number') return '3';
  if (type === 'boolean') return 'false';
  const firstLiteral = /^\s*('[^']*'|"[^"]*"|\d+)/.exec(type)?.[1];
  if (firstLiteral) return firstLiteral;
  if (/\[\]$/.test(type)) return '[]';
  return undefined;
}

function sampleSource(sample: string, mock: 'vi.fn()' | 'fn()'): string {
  return sample === FN ? mock : sample;
}

/** Merges the part's props with the plan's (a plan edited by a person may add or retype props). */
function mergeProps(spec: TKitSpec, states: Set<TComponentState>, isAsync: boolean, notes: string[]): TKitProp[] {
  const props = new Map<string, TKitProp>();
  const add = (prop: TKitProp) => {
    if (!props.has(prop.name)) props.set(prop.name, prop);
  };
  for (const prop of spec.props) add(prop);
  if (spec.items) {
    if (isAsync)
      add({
        name: `load${spec.items.prop.charAt(0).toUpperCase()}${spec.items.prop.slice(1)}`,
        type: `() => Promise<${spec.items.typeName}[]>`,
        optional: false,
        description: `Loads the ${spec.items.noun}; the component shows loading, then them or the error.`,
        sample: `async (): Promise<${spec.items.typeName}[]> => ${spec.items.sample}`,
      });
    else
      add({ name: spec.items.prop, type: `${spec.items.typeName}[]`, optional: false, description: `The ${spec.items.noun} shown.`, sample: spec.items.sample });
  }
  if (!isAsync) {
    if (states.has('loading')) add(STATE_PROPS.loading);
    if (states.has('error')) add(STATE_PROPS.error);
  }
  if (states.has('empty')) {
    if (!spec.items) add({ name: 'isEmpty', type: 'boolean', description: 'Shows the empty state.', defaultValue: 'false' });
    add({ name: 'emptyMessage', type: 'string', description: 'What the empty state says.', defaultValue: literal(`Nothing here yet.`) });
  }
  if (states.has('disabled')) add(STATE_PROPS.disabled);
  for (const planned of spec.plan.props) {
    const known = props.get(planned.name);
    if (known) continue;
    const prop: TKitProp = { name: planned.name, type: planned.type, description: planned.description, optional: planned.optional };
    if (planned.defaultValue !== undefined) prop.defaultValue = planned.defaultValue;
    const sample = sampleFromType(prop);
    if (sample === undefined && !prop.optional) {
      prop.optional = true;
      notes.push(`made ${prop.name} optional: no sample value of type ${prop.type} to test it with`);
    }
    if (sample !== undefined) prop.sample = sample;
    add(prop);
  }
  return [...props.values()];
}

/** Builds `<Name>.tsx`, `<Name>.test.tsx` and `<Name>.stories.tsx` from a part's spec. */
export function buildComponentFiles(spec: TKitSpec): TPartBuild {
  const { plan, context } = spec;
  const name = plan.name;
  const isAsync = plan.data.source === 'async' && spec.items !== undefined;
  const states = new Set<TComponentState>(plan.states);
  if (isAsync) {
    states.add('loading');
    states.add('error');
  }
  const logicNotes: string[] = [];
  const props = mergeProps(spec, states, isAsync, logicNotes);
  const propsType = `${name}Props`;
  const items = spec.items;
  const loaderName = items ? `load${items.prop.charAt(0).toUpperCase()}${items.prop.slice(1)}` : '';

  // Body: async loading first, then the part's own statements, then the state early returns.
  const body: string[] = [];
  if (isAsync && items) {
    body.push(
      `const [${items.prop}, set${items.prop.charAt(0).toUpperCase()}${items.prop.slice(1)}] = useState<${items.typeName}[]>([]);`,
      'const [isLoading, setIsLoading] = useState(true);',
      'const [loadError, setLoadError] = useState<string | null>(null);',
      'useEffect(() => {',
      '  let isCurrent = true;',
      '  setIsLoading(true);',
      '  setLoadError(null);',
      `  ${loaderName}()`,
      `    .then((loaded) => {`,
      `      if (isCurrent) set${items.prop.charAt(0).toUpperCase()}${items.prop.slice(1)}(loaded);`,
      '    })',
      '    .catch((reason: unknown) => {',
      `      if (isCurrent) setLoadError(reason instanceof Error ? reason.message : ${literal(`The ${items.noun} could not be loaded.`)});`,
      '    })',
      '    .finally(() => {',
      '      if (isCurrent) setIsLoading(false);',
      '    });',
      '  return () => {',
      '    isCurrent = false;',
      '  };',
      `}, [${loaderName}]);`,
    );
    logicNotes.push(`${items.noun} loaded by ${loaderName}() in an effect that ignores a stale answer, with loading and error states`);
  }
  body.push(...(spec.body ?? []));
  const early: string[] = [];
  const style = context.design;
  const owned = new Set(spec.ownStates ?? []);
  // Loaded items always get the generic loading and error states (a field's own `error` is its validation).
  if (isAsync) {
    owned.delete('loading');
    owned.delete('error');
  }
  const errorName = isAsync ? 'loadError' : 'error';
  if (states.has('loading') && !owned.has('loading'))
    early.push(`if (isLoading) {`, `  return (`, `    <div role="status" aria-live="polite" className=${JSON.stringify(style.status)}>`, `      Loading…`, `    </div>`, `  );`, `}`);
  if (states.has('error') && !owned.has('error'))
    early.push(`if (${errorName}) {`, `  return (`, `    <div role="alert" className=${JSON.stringify(style.alert)}>`, `      {${errorName}}`, `    </div>`, `  );`, `}`);
  if (states.has('empty') && !owned.has('empty'))
    early.push(
      `if (${items ? `${items.prop}.length === 0` : 'isEmpty'}) {`,
      `  return <p className=${JSON.stringify(style.empty)}>{emptyMessage}</p>;`,
      `}`,
    );

  // Props the plan added that the part does not render: shown as text below it when they are text.
  const partCode = [...(spec.body ?? []), spec.render].join('\n');
  const extraText = props.filter(
    (prop) => !spec.props.some((own) => own.name === prop.name) && /^(string|number)$/.test(prop.type.trim()) && !uses(partCode, prop.name) && !Object.values(STATE_PROPS).some((state) => state.name === prop.name) && prop.name !== 'emptyMessage' && prop.name !== 'isEmpty',
  );
  let render = spec.render.trim();
  if (states.has('disabled') && spec.disabledOn === 'root')
    render = render.replace(/^<([A-Za-z][\w.]*)/, '<$1 aria-disabled={disabled || undefined}');
  if (extraText.length > 0) {
    const lines = extraText.map(
      (prop) => `  {${prop.name} !== undefined ? <p className=${JSON.stringify(style.muted)}>{${prop.name}}</p> : null}`,
    );
    render = [`<div className=${JSON.stringify(style.stack)}>`, indent(render, 2), ...lines, `</div>`].join('\n');
    logicNotes.push(`renders the added ${extraText.map((prop) => prop.name).join(', ')} as text`);
  }

  const bodyCode = [...body, ...early].join('\n');
  const fullCode = `${bodyCode}\n${render}`;
  const destructured = props
    .filter((prop) => uses(fullCode, prop.name) && !(isAsync && items && prop.name === items.prop))
    .map((prop) => (prop.defaultValue !== undefined ? `${prop.name} = ${prop.defaultValue}` : prop.name));
  const memo = context.performance.memo;
  const typeLines = props.map((prop) => {
    const optional = prop.optional === false ? '' : '?';
    return `  /** ${prop.description} */\n  ${prop.name}${optional}: ${prop.type};`;
  });
  const signature = `function ${name}({ ${destructured.join(', ')} }: ${propsType})`;
  const functionCode = [`${signature} {`, indent(bodyCode, 2), `  return (`, indent(render, 4), `  );`, `}`]
    .filter((line) => line !== '')
    .join('\n');
  const componentDeclarations = [
    items ? items.typeSource : '',
    ...(spec.declarations ?? []),
    `export type ${propsType} = {\n${typeLines.join('\n')}\n};`,
  ].filter(Boolean);
  const exported = memo
    ? `/** ${plan.summary} */\nexport const ${name} = memo(${functionCode});`
    : `/** ${plan.summary} */\nexport ${functionCode}`;
  const afterImports = [...componentDeclarations, exported].join('\n\n');
  const hooks = reactImports(afterImports);
  const source = `${hooks.length > 0 ? `import { ${hooks.join(', ')} } from 'react';\n\n` : ''}${afterImports}\n`;

  const tests = buildTests(spec, props, states, isAsync, loaderName);
  const stories = buildStories(spec, props, states, isAsync, loaderName);

  const notes = expertNotes(spec.notes);
  notes.logic.push(...logicNotes);
  const stateNames = [...states];
  if (stateNames.length > 0) notes.logic.push(`states: ${stateNames.join(', ')}, each with a test and a story`);
  if (memo) notes.performance.push('wrapped in React.memo so unchanged props skip re-rendering');
  if (notes.performance.length === 0) notes.performance.push('nothing expensive to optimise: plain render, no memoisation overhead');
  notes.design.unshift(`${context.design.label} style, ${plan.density} density, SLATE token classes only`);
  return { source, tests, stories, notes };
}

function sampleObject(props: TKitProp[], mock: 'vi.fn()' | 'fn()', isAsync: boolean, items?: TKitItems): string {
  const entries = props
    .filter((prop) => prop.sample !== undefined && !(isAsync && items && prop.name === items.prop))
    .map((prop) => `${prop.name}: ${sampleSource(prop.sample as string, mock)},`);
  return entries.length === 0 ? '{}' : `{\n${entries.map((entry) => `  ${entry}`).join('\n')}\n}`;
}

function buildTests(spec: TKitSpec, props: TKitProp[], states: Set<TComponentState>, isAsync: boolean, loaderName: string): string {
  const name = spec.plan.name;
  const items = spec.items;
  const cases: TKitTest[] = [...spec.tests];
  const owned = new Set(isAsync ? [] : (spec.ownStates ?? []));
  if (states.has('loading') && !owned.has('loading'))
    cases.push({
      name: 'shows the loading state',
      body: [
        isAsync
          ? `await setup({ ${loaderName}: () => new Promise<never>(() => undefined) }, false);`
          : 'await setup({ isLoading: true });',
        `expect(screen.getByRole('status').textContent).toMatch(/Loading/);`,
      ],
    });
  if (states.has('error') && !owned.has('error'))
    cases.push({
      name: 'shows the error',
      body: [
        isAsync
          ? `await setup({ ${loaderName}: () => Promise.reject(new Error('The server is unavailable.')) }, false);`
          : `await setup({ error: 'The server is unavailable.' });`,
        `expect((await screen.findByRole('alert')).textContent).toBe('The server is unavailable.');`,
      ],
    });
  if (states.has('empty') && !owned.has('empty'))
    cases.push({
      name: 'says when there is nothing to show',
      body: [
        items
          ? isAsync
            ? `await setup({ ${loaderName}: async () => [], emptyMessage: 'Nothing to show.' });`
            : `await setup({ ${items.prop}: [], emptyMessage: 'Nothing to show.' });`
          : `await setup({ isEmpty: true, emptyMessage: 'Nothing to show.' });`,
        `expect(screen.getByText('Nothing to show.')).toBeTruthy();`,
      ],
    });
  if (states.has('disabled') && spec.disabledOn === 'root')
    cases.push({
      name: 'marks itself disabled',
      body: [
        'await setup({ disabled: true });',
        `expect(document.querySelector('[aria-disabled="true"]')).not.toBeNull();`,
      ],
    });
  const code = cases.map((test) => test.body.join('\n')).join('\n');
  const libraryImports = ['cleanup', 'render', 'screen', ...(isAsync || /\bwaitFor\(/.test(code) ? ['waitFor'] : []), ...(/\bwithin\(/.test(code) ? ['within'] : []), ...(/\bfireEvent\b/.test(code) ? ['fireEvent'] : []), ...(/\bact\(/.test(code) ? ['act'] : [])].sort();
  const vitestImports = ['afterEach', 'describe', 'expect', 'it', ...(/\bvi\./.test(code) || props.some((prop) => prop.sample === FN) ? ['vi'] : [])];
  const setupLines = [
    `/** Sample props, with fresh mocks for every test. */`,
    `function defaultProps(): ${name}Props {`,
    `  return ${indent(sampleObject(props, 'vi.fn()', isAsync, items), 2).trimStart()};`,
    '}',
    '',
    `/** Renders the component with sample props and the overrides${isAsync ? ', and waits for its items unless told not to' : ''}. */`,
    `async function setup(overrides: Partial<${name}Props> = {}${isAsync ? ', waitForItems = true' : ''}) {`,
    `  const props: ${name}Props = { ...defaultProps(), ...overrides };`,
    '  const user = userEvent.setup();',
    `  render(<${name} {...props} />);`,
    ...(isAsync
      ? ["  if (waitForItems) await waitFor(() => expect(screen.queryByRole('status')).toBeNull());"]
      : ['  await Promise.resolve();']),
    '  return { props, user };',
    '}',
  ];
  return [
    '// @vitest-environment happy-dom',
    `import { ${libraryImports.join(', ')} } from '@testing-library/react';`,
    "import userEvent from '@testing-library/user-event';",
    `import { ${vitestImports.join(', ')} } from 'vitest';`,
    `import { ${name}, type ${name}Props${isAsync && items ? `, type ${items.typeName}` : ''} } from './${name}';`,
    '',
    'afterEach(cleanup);',
    '',
    ...setupLines,
    '',
    `describe(${literal(name)}, () => {`,
    cases
      .map((test) => [`  it(${literal(test.name)}, async () => {`, indent(test.body.join('\n'), 4), '  });'].join('\n'))
      .join('\n\n'),
    '});',
    '',
  ].join('\n');
}

function buildStories(spec: TKitSpec, props: TKitProp[], states: Set<TComponentState>, isAsync: boolean, loaderName: string): string {
  const name = spec.plan.name;
  const items = spec.items;
  const stories: TKitStory[] = [{ name: 'Default', play: spec.play }];
  if (states.has('loading'))
    stories.push({ name: 'Loading', args: isAsync ? `{ ${loaderName}: () => new Promise<never>(() => undefined) }` : '{ isLoading: true }' });
  if (states.has('error'))
    stories.push({
      name: 'Failed',
      args: isAsync
        ? `{ ${loaderName}: () => Promise.reject(new Error('The server is unavailable.')) }`
        : `{ error: 'The server is unavailable.' }`,
    });
  if (states.has('empty'))
    stories.push({
      name: 'Empty',
      args: items ? (isAsync ? `{ ${loaderName}: async () => [] }` : `{ ${items.prop}: [] }`) : '{ isEmpty: true }',
    });
  if (states.has('disabled')) stories.push({ name: 'Disabled', args: '{ disabled: true }' });
  stories.push(...(spec.stories ?? []));
  const code = stories.map((story) => (story.play ?? []).join('\n')).join('\n');
  const testImports = ['expect', ...(props.some((prop) => prop.sample === FN) || /\bfn\(/.test(code) ? ['fn'] : []), 'userEvent', 'within'];
  const rendered = stories.map((story) => {
    const fields: string[] = [];
    if (story.args) fields.push(`  args: ${story.args},`);
    if (story.play && story.play.length > 0)
      fields.push(
        `  play: async ({ ${/\bargs\b/.test(story.play.join('\n')) ? 'args, ' : ''}canvasElement }) => {`,
        '    const canvas = within(canvasElement);',
        indent(story.play.join('\n'), 4),
        '  },',
      );
    return `export const ${story.name}: Story = ${fields.length === 0 ? '{}' : `{\n${fields.join('\n')}\n}`};`;
  });
  if (!/\buserEvent\./.test(code)) testImports.splice(testImports.indexOf('userEvent'), 1);
  return [
    "import type { Meta, StoryObj } from '@storybook/react';",
    `import { ${testImports.join(', ')} } from 'storybook/test';`,
    `import { ${name}${isAsync && items ? `, type ${items.typeName}` : ''} } from './${name}';`,
    '',
    'const meta = {',
    `  title: ${literal(`Generated/${name}`)},`,
    `  component: ${name},`,
    `  args: ${indent(sampleObject(props, 'fn()', isAsync, items), 2).trimStart()},`,
    `} satisfies Meta<typeof ${name}>;`,
    '',
    'export default meta;',
    'type Story = StoryObj<typeof meta>;',
    '',
    rendered.join('\n\n'),
    '',
  ].join('\n');
}

/**
 * A handler inside the component: a plain function, or a useCallback with its dependencies when
 * the performance expert keeps handlers stable for memoised children.
 */
export function handler(context: TPartContext, name: string, params: string, body: string[], deps: string[]): string[] {
  if (context.performance.memo)
    return [`const ${name} = useCallback((${params}) => {`, indent(body.join('\n'), 2), `}, [${deps.join(', ')}]);`];
  return [`function ${name}(${params}) {`, indent(body.join('\n'), 2), '}'];
}

/** `Settings page` label of the plan's name. */
export function planLabel(plan: TComponentPlan): string {
  return sentence(humanise(plan.name));
}
