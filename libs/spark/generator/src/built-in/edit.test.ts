import { checkComponent, formatProblem, tokenVocabulary } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import { describe, expect, it } from 'vitest';
import { diffLines, diffStats } from '../diff';
import type { TComponentPlan, TGeneratedFiles, TGenerationProgress } from '../types';
import { createBuiltInGenerator } from './generator';

const vocabulary = tokenVocabulary(loadDefaultTokenSet());
const generator = createBuiltInGenerator();

async function generated(prompt: string, index = 0): Promise<{ plan: TComponentPlan; files: TGeneratedFiles }> {
  const plan = await generator.analyse(prompt, { vocabulary });
  const result = await generator.generate({ prompt, plan }, { vocabulary });
  const files = result.variations[index]?.files;
  if (!files) throw new Error('no variation');
  return { plan, files };
}

describe('createBuiltInGenerator', () => {
  it('reports progress through analysis, routing, each expert and the merge', async () => {
    const stages: TGenerationProgress[] = [];
    const onProgress = (progress: TGenerationProgress) => stages.push(progress);
    const plan = await generator.analyse('a badge', { vocabulary, onProgress });
    await generator.generate({ prompt: 'a badge', plan }, { vocabulary, onProgress });
    expect(stages.map((stage) => stage.expert ?? stage.stage)).toEqual(['analysis', 'analysis', 'analysis', 'routing', 'design', 'logic', 'performance', 'merge']);
    const progress = stages.map((stage) => stage.progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('refuses an invalid edited plan with the reason, and honours abort', async () => {
    const plan = await generator.analyse('a badge', { vocabulary });
    await expect(generator.generate({ prompt: 'a badge', plan: { ...plan, name: 'bad name' } }, { vocabulary })).rejects.toThrow(/PascalCase/);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(generator.generate({ prompt: 'a badge', plan }, { vocabulary, signal: controller.signal })).rejects.toThrow('stopped');
  });

  it('builds a kind without a registered part from the closest one and says so', async () => {
    const plan = await generator.analyse('a timeline of releases', { vocabulary });
    const result = await generator.generate({ prompt: 'a timeline of releases', plan }, { vocabulary });
    expect(result.variations).toHaveLength(3);
    if (result.notices.some((notice) => notice.includes('no timeline part'))) expect(result.notices.join(' ')).toMatch(/closest one/);
  });
});

describe('edit', () => {
  it('adds a loading state, makes it compact and red, and the result still passes the checks', async () => {
    const { plan, files } = await generated('a save button');
    const result = await generator.edit({ instruction: 'add a loading state, make it compact and red', files, plan }, { vocabulary });
    expect(result.changes).toEqual(['added a loading state with its test and story', 'made it compact: smaller padding, gaps and type', 'set the default variant to danger']);
    expect(result.plan?.states).toContain('loading');
    expect(result.files.source).toContain('aria-busy={isLoading || undefined}');
    expect(result.files.source).toContain("variant = 'danger'");
    expect(diffStats(diffLines(files.source, result.files.source)).added).toBeGreaterThan(0);
    const check = checkComponent(result.files, vocabulary);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
  }, 60_000);

  it('removes a state, renames, adds a prop and keeps the chosen look', async () => {
    const { plan, files } = await generated('a list of tasks with an empty state', 1);
    const result = await generator.edit({ instruction: 'remove the empty state', files, plan }, { vocabulary });
    expect(result.changes).toEqual(['removed the empty state']);
    expect(result.files.source).not.toContain('emptyMessage');
    expect(result.files.source).toContain('shadow-md'); // variation b ("Raised") stays
    const renamed = await generator.edit({ instruction: 'rename it to TodoList', files: result.files, plan: result.plan }, { vocabulary });
    expect(renamed.files.name).toBe('TodoList');
    expect(renamed.files.source).toContain('export function TodoList(');
    const withProp = await generator.edit({ instruction: 'add a subtitle prop', files: renamed.files, plan: renamed.plan }, { vocabulary });
    expect(withProp.changes).toEqual(['added the prop subtitle: string']);
    expect(withProp.files.source).toContain('subtitle?: string;');
    expect(withProp.files.source).toContain('{subtitle}');
  });

  it('switches the look and density, tolerates typos and says what it did not understand', async () => {
    const { plan, files } = await generated('a revenue stat');
    const subtle = await generator.edit({ instruction: 'make it more subtle', files, plan }, { vocabulary });
    expect(subtle.changes[0]).toMatch(/subtle look/);
    const typo = await generator.edit({ instruction: 'make it compct', files, plan }, { vocabulary });
    expect(typo.changes).toEqual(['made it compact: smaller padding, gaps and type']);
    expect(typo.notices.join(' ')).toMatch(/Read the instruction as "make it compact"/);
    const unknown = await generator.edit({ instruction: 'sing a song', files, plan }, { vocabulary });
    expect(unknown.changes).toEqual([]);
    expect(unknown.files).toBe(files);
    expect(unknown.notices[0]).toMatch(/^Did not understand "sing a song"; nothing changed\. Try:/);
  });

  it('keeps what the person changed by hand since generating, and returns overlapping hunks as conflicts', async () => {
    const { plan, files } = await generated('a list of tasks');
    const handEdited = { ...files, source: `// Tasks shown on the dashboard (by hand).\n${files.source}` };
    const result = await generator.edit({ instruction: 'add an empty state', files: handEdited, plan }, { vocabulary });
    expect(result.changes).toEqual(['added an empty state with its test and story']);
    expect(result.files.source.startsWith('// Tasks shown on the dashboard (by hand).\n')).toBe(true);
    expect(result.files.source).toContain('emptyMessage');
    expect(result.conflicts).toEqual([]);
    expect(result.notices.join(' ')).toMatch(/Your changes since it was generated are kept/);
    const check = checkComponent(result.files, vocabulary);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);

    // The person changed the default label on the line the edit also changes: their line stays, the conflict is returned.
    const relabelled = { ...files, source: files.source.replace("label = 'Task List'", "label = 'My tasks'") };
    expect(relabelled.source).not.toBe(files.source);
    const overlapping = await generator.edit({ instruction: 'add an empty state', files: relabelled, plan }, { vocabulary });
    expect(overlapping.files.source).toContain("export function TaskList({ label = 'My tasks', selectedId, onSelect, items }: TaskListProps) {");
    expect(overlapping.files.source).toContain('emptyMessage?: string;');
    expect(overlapping.files.source).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(overlapping.conflicts).toEqual([
      expect.objectContaining({ file: 'source', ours: [expect.stringContaining("label = 'My tasks'")], theirs: [expect.stringContaining("emptyMessage = 'Nothing here yet.'")] }),
    ]);
    expect(overlapping.notices.join(' ')).toMatch(/kept your version/);
  }, 60_000);

  it('edits a hand-written component through a plan inferred from its source, and says so', async () => {
    const files: TGeneratedFiles = {
      name: 'Greeting',
      source: "export type GreetingProps = {\n  label: string;\n  onClick?: () => void;\n};\n\nexport function Greeting({ label, onClick }: GreetingProps) {\n  return <button type=\"button\" onClick={onClick}>{label}</button>;\n}\n",
      tests: '',
      stories: '',
    };
    const result = await generator.edit({ instruction: 'add a disabled state', files, plan: null }, { vocabulary });
    expect(result.notices[0]).toMatch(/^Greeting was written by hand/);
    expect(result.plan).toMatchObject({ name: 'Greeting', kind: 'button', states: ['disabled'] });
    expect(result.files.source).toContain('disabled={disabled}');
  });
});
