// Composition: a page made of other parts ("a settings page with a profile form and a danger zone",
// "a dashboard with three stats and a data table"). Each planned kind is built by its own part under
// a page-scoped name (`SettingsPageForm`), inlined into one file, and rendered in a section labelled
// by its heading; their tests come along, each in its own describe, plus a test of the page itself.
import type { TComponentKind, TComponentPlan } from '../../types';
import { expertNotes, type TPartBuild, type TPartBuilder, type TPartContext } from '../part';
import { humanise, literal, sentence, storiesHeader, testHeader } from '../part-kit';

/** Kinds a page can hold; a composition is not nested in another. */
type TPartRegistry = Partial<Record<TComponentKind, TPartBuilder>>;

/** A section's figures when the page repeats one part (a dashboard's stats). */
const REPEATED: Partial<Record<TComponentKind, Array<Record<string, string>>>> = {
  stat: [
    { label: 'Revenue', value: '$48,200' },
    { label: 'Active users', value: '2,340' },
    { label: 'Conversion', value: '3.4%' },
  ],
};

function pascal(kind: string): string {
  return kind.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

/** The sample props a part's own tests render it with, without handlers (the page has none to give). */
export function sampleProps(build: TPartBuild): string {
  if (build.sampleProps) return build.sampleProps;
  const match =
    /function defaultProps\(\): \w+ \{\n {2}return (\{\}|\{\n[\s\S]*?\n {2}\});\n\}/.exec(build.tests) ??
    /const defaultProps: \w+ = (\{\}|\{\n[\s\S]*?\n\});/.exec(build.tests);
  if (!match?.[1]) return '{}';
  return match[1]
    .split('\n')
    .filter((line) => !/^\s+\w+: vi\.fn\(\),$/.test(line))
    .join('\n');
}

type TImports = Map<string, { defaultName: string | null; named: Set<string> }>;

/** Import lines of generated files → one entry per module (named and default imports merged). */
function collectImports(text: string, imports: TImports, rename: (module: string) => string): string {
  const body: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^import (type )?(?:(\w+)|\{ ([^}]*) \}) from '([^']+)';$/.exec(line);
    if (!match) {
      body.push(line);
      continue;
    }
    const [, typeOnly, defaultName, named, module = ''] = match;
    const key = rename(module);
    const entry = imports.get(key) ?? { defaultName: null, named: new Set<string>() };
    if (defaultName) entry.defaultName = defaultName;
    for (const name of (named ?? '').split(',').map((part) => part.trim()).filter(Boolean))
      entry.named.add(typeOnly && !name.startsWith('type ') ? `type ${name}` : name);
    imports.set(key, entry);
  }
  return body.join('\n');
}

function importLines(imports: TImports, order: string[]): string[] {
  return [...imports.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)) || a.localeCompare(b))
    .map(([module, { defaultName, named }]) => {
      const names = [...named].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
      const parts = [defaultName, names.length > 0 ? `{ ${names.join(', ')} }` : null].filter(Boolean);
      return `import ${parts.join(', ')} from '${module}';`;
    });
}

/** Top-level names a generated file declares (`const X`, `function X`, `type X`). */
function declaredNames(source: string): string[] {
  return [...source.matchAll(/^(?:export )?(?:const|let|function|type|interface) (\w+)/gm)].map((match) => match[1] as string);
}

export function buildComposition(plan: TComponentPlan, variation: number, context: TPartContext, parts: TPartRegistry): TPartBuild {
  const style = context.design;
  const name = plan.name;
  const kinds = (plan.parts.length > 0 ? plan.parts : (['card', 'list'] as TComponentKind[])).filter(
    (kind, index, all) => kind !== 'composition' && all.indexOf(kind) === index && parts[kind] !== undefined,
  );
  const title = sentence(humanise(name).replace(/ (page|screen|view)$/, '')) || 'Overview';
  const sourceImports: TImports = new Map();
  const testImports: TImports = new Map();
  const declared = new Set<string>();
  const sources: string[] = [];
  const testBlocks: string[] = [];
  const sections: Array<{ kind: TComponentKind; component: string; heading: string; samples: string[] }> = [];
  const notes = expertNotes({});

  for (const kind of kinds) {
    const build = parts[kind] as TPartBuilder;
    const component = `${name}${pascal(kind)}`;
    const subPlan: TComponentPlan = {
      ...plan,
      name: component,
      kind,
      match: 'exact',
      props: [],
      events: [],
      states: [],
      parts: [],
      data: { source: plan.data.source === 'async' && kind === 'data-table' ? 'async' : 'props', itemCount: plan.data.itemCount, fields: kind === 'data-table' ? plan.data.fields : [] },
      accessibility: { role: null, labels: [], keyboard: [] },
    };
    const files = build(subPlan, variation, context);
    let source = collectImports(files.source, sourceImports, (module) => module).trim();
    // Names two parts both declare (a TONE_CLASSES map) are renamed in the later one.
    for (const declaredName of declaredNames(source)) {
      if (declared.has(declaredName))
        source = source.replace(new RegExp(`\\b${declaredName}\\b`, 'g'), `${component}${declaredName.charAt(0).toUpperCase()}${declaredName.slice(1)}`);
    }
    for (const declaredName of declaredNames(source)) declared.add(declaredName);
    sources.push(`// ${sentence(kind.replace('-', ' '))}\n${source}`);
    const tests = collectImports(files.tests.replace(/^\/\/ @vitest-environment happy-dom\n/, ''), testImports, (module) =>
      module === `./${component}` ? `./${name}` : module,
    );
    testBlocks.push(`describe(${literal(`${component} (${kind.replace('-', ' ')})`)}, () => {\n${tests.trim().replace(/^/gm, '  ').replace(/^ +$/gm, '')}\n});`);
    const sample = sampleProps(files);
    const repeated = REPEATED[kind];
    const samples =
      repeated && /\blabel:/.test(sample)
        ? repeated.map((overrides) => `{ ...${sample.replace(/\n/g, ' ')}, ${Object.entries(overrides).map(([key, value]) => `${key}: ${literal(value)}`).join(', ')} }`)
        : [sample.replace(/\n\s*/g, ' ')];
    sections.push({ kind, component, heading: sentence(kind.replace('-', ' ')), samples });
    for (const expert of ['design', 'logic', 'performance'] as const)
      notes[expert].push(...files.notes[expert].slice(0, 1).map((note) => `${kind}: ${note}`));
  }

  const sectionClass = style.density.isCompact ? 'flex flex-col gap-2' : 'flex flex-col gap-4';
  const gridFor = (count: number) => (count > 1 ? `grid ${style.density.gap} md:grid-cols-${Math.min(count, 3)}` : '');
  const page = `export type ${name}Props = {
  /** The page heading (h1). */
  title?: string;
};

/** ${plan.summary.replace(/\*\//g, '')} */
export function ${name}({ title = ${literal(title)} }: ${name}Props) {
  const headingId = useId();
  return (
    <div aria-labelledby={headingId} role="region" className="flex flex-col ${style.density.isCompact ? 'gap-4 p-4' : 'gap-8 p-6'} bg-bg text-fg">
      <h1 id={headingId} className="${style.density.isCompact ? 'text-xl' : 'text-2xl'} font-bold text-fg">
        {title}
      </h1>
${sections
  .map(
    (section) => `      <section aria-labelledby={\`\${headingId}-${section.kind}\`} className="${sectionClass}">
        <h2 id={\`\${headingId}-${section.kind}\`} className="${style.heading}">
          ${section.heading}
        </h2>
${section.samples.length > 1 ? `        <div className="${gridFor(section.samples.length)}">\n` : ''}${section.samples.map((sample) => `        ${section.samples.length > 1 ? '  ' : ''}<${section.component} {...${sample}} />`).join('\n')}
${section.samples.length > 1 ? '        </div>\n' : ''}      </section>`,
  )
  .join('\n')}
    </div>
  );
}`;
  sourceImports.set('react', sourceImports.get('react') ?? { defaultName: null, named: new Set() });
  (sourceImports.get('react') as { named: Set<string> }).named.add('useId');
  const source = `${importLines(sourceImports, ['react']).join('\n')}\n\n${sources.join('\n\n')}\n\n${page}\n`;

  const pageTest = `describe(${literal(name)}, () => {
  afterEach(cleanup);

  it('is a page under its h1 with a section per part', () => {
    render(<${name} />);
    expect(screen.getAllByRole('heading', { level: 1 })[0]?.textContent).toBe(${literal(title)});
${sections.map((section) => `    expect(screen.getByRole('region', { name: ${literal(section.heading)} })).toBeTruthy();`).join('\n')}
  });

  it('takes another title', () => {
    render(<${name} title="Elsewhere" />);
    expect(screen.getByRole('region', { name: 'Elsewhere' })).toBeTruthy();
  });
});`;
  const header = testHeader(name, ['cleanup', 'render', 'screen']);
  collectImports(header, testImports, (module) => module);
  const order = ['@testing-library/react', '@testing-library/user-event', 'vitest', `./${name}`];
  const tests = `// @vitest-environment happy-dom\n${importLines(testImports, order).join('\n')}\n\n${pageTest}\n\n${testBlocks.join('\n\n')}\n`;

  const stories = `${storiesHeader(name).replace("import { expect, fn, userEvent, within } from 'storybook/test';", "import { expect, within } from 'storybook/test';")}} satisfies Meta<typeof ${name}>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('region', { name: ${literal(title)} })).toBeVisible();
${sections.map((section) => `    await expect(canvas.getByRole('region', { name: ${literal(section.heading)} })).toBeVisible();`).join('\n')}
  },
};

export const Renamed: Story = {
  args: { title: 'Elsewhere' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { level: 1, name: 'Elsewhere' })).toBeVisible();
  },
};
`;
  notes.design.unshift(`page of ${sections.length} sections (${sections.map((section) => section.heading.toLowerCase()).join(', ')}) under an h1, ${style.density.isCompact ? 'compact' : 'comfortable'} spacing`);
  notes.logic.unshift('each section is its part’s own component, labelled by its h2 and rendered with its sample props; their tests come along');
  notes.performance.unshift('sections are independent components, so state in one does not re-render another');
  return { source, tests, stories, notes };
}
