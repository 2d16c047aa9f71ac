import { checkComponent, formatProblem } from '@lumenforge/spark-checks';
import { describe, expect, it } from 'vitest';
import type { TPartBuild } from '../part';
import { TEST_VOCABULARY, testContext, testPlan } from '../test-plan';
import { buildComposition, sampleProps } from './composition';
import { PARTS } from './index';

describe('buildComposition', () => {
  it('inlines each planned part under a page-scoped name, in a labelled section', () => {
    const plan = testPlan('composition', 'SettingsPage', { parts: ['form', 'modal'], summary: 'A settings page with a profile form and a danger zone to delete the project.' });
    const files = buildComposition(plan, 0, testContext(plan), PARTS);
    expect(files.source).toMatch(/^import \{[^}]*useId[^}]*\} from 'react';\n/);
    expect(files.source.match(/from 'react'/g)).toHaveLength(1);
    expect(files.source).toContain('export function SettingsPageForm(');
    expect(files.source).toContain('export function SettingsPageModal(');
    expect(files.source).toContain('<SettingsPageModal {...');
    expect(files.source).toContain("export function SettingsPage({ title = 'Settings' }: SettingsPageProps)");
    expect(files.tests).toContain("describe('SettingsPageForm (form)'");
    expect(files.tests).toContain("from './SettingsPage';");
    expect(files.tests).not.toMatch(/from '\.\/SettingsPage(Form|Modal)'/);
    expect(files.tests.startsWith('// @vitest-environment happy-dom\n')).toBe(true);
    const check = checkComponent({ name: plan.name, ...files }, TEST_VOCABULARY);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
  });

  it('renames a top-level name two parts both declare', () => {
    const plan = testPlan('composition', 'StatusPage', { parts: ['badge', 'toast'] });
    const files = buildComposition(plan, 1, testContext(plan, 1), PARTS);
    expect(files.source).toContain('const TONE_CLASSES');
    expect(files.source).toContain('const StatusPageToastTONE_CLASSES');
    const check = checkComponent({ name: plan.name, ...files }, TEST_VOCABULARY);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
  });

  it('repeats a dashboard stat with its own figures', () => {
    const plan = testPlan('composition', 'DashboardPage', { parts: ['stat', 'data-table'] });
    const files = buildComposition(plan, 2, testContext(plan, 2), PARTS);
    expect(files.source.match(/<DashboardPageStat /g)).toHaveLength(3);
    expect(files.source).toContain("label: 'Active users'");
    expect(files.source).toContain('md:grid-cols-3');
  });

  it('leaves out kinds it has no part for and never nests a composition', () => {
    const plan = testPlan('composition', 'MixedPage', { parts: ['composition', 'card'] });
    const files = buildComposition(plan, 0, testContext(plan), { card: PARTS.card });
    expect(files.source).toContain('<MixedPageCard {...');
    expect(files.source).not.toContain('MixedPageComposition');
  });
});

describe('sampleProps', () => {
  const base: TPartBuild = { source: '', tests: '', stories: '', notes: { design: [], logic: [], performance: [] } };

  it('prefers the part’s own sample props', () => {
    expect(sampleProps({ ...base, sampleProps: '{ rows: [] }' })).toBe('{ rows: [] }');
  });

  it('reads the tests’ defaultProps without handlers', () => {
    const tests = "function defaultProps(): CardProps {\n  return {\n    title: 'Product',\n    onAction: vi.fn(),\n  };\n}";
    expect(sampleProps({ ...base, tests })).toBe("{\n    title: 'Product',\n  }");
    expect(sampleProps({ ...base, tests: "const defaultProps: CardProps = {\n  title: 'A',\n  onAction: vi.fn(),\n};" })).toBe("{\n  title: 'A',\n}");
    expect(sampleProps({ ...base, tests: 'no props here' })).toBe('{}');
  });
});
