import { checkComponent, formatProblem } from '@lumenforge/spark-checks';
import { describe, expect, it } from 'vitest';
import { TEST_VOCABULARY, testContext, testPlan } from '../test-plan';
import { buildDataTable } from './data-table';

describe('buildDataTable', () => {
  it('makes a column per planned field and takes rows as a prop', () => {
    const plan = testPlan('data-table', 'DeploymentsTable', { data: { source: 'props', itemCount: 40, fields: ['status', 'branch', 'duration'] } });
    const files = buildDataTable(plan, 0, testContext(plan));
    expect(files.source).toContain("export type DeploymentsTableField = 'status' | 'branch' | 'duration';");
    expect(files.source).toContain('  rows: DeploymentsTableRow[];');
    expect(files.source).toContain("aria-sort={sort?.field === field ? sort.direction : 'none'}");
    expect(files.sampleProps).toMatch(/^\{ rows: \[/);
    const check = checkComponent({ name: plan.name, ...files }, TEST_VOCABULARY);
    expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
  });

  it('loads rows itself for an async plan, with loading and error states', () => {
    const plan = testPlan('data-table', 'OrdersTable', { data: { source: 'async', itemCount: 5000, fields: [] } });
    const files = buildDataTable(plan, 1, testContext(plan, 1));
    expect(files.source).toContain('loadRows: () => Promise<OrdersTableRow[]>;');
    expect(files.source).not.toContain('  rows: OrdersTableRow[];');
    expect(files.tests).toContain("it('shows a loading state, then the error when loading fails'");
    expect(files.notes.performance.join(' ')).toContain('only one page of the 5000 rows');
  });

  it('shows more, smaller rows when compact', () => {
    const comfortable = testPlan('data-table', 'UsersTable');
    const compact = testPlan('data-table', 'UsersTable', { density: 'compact' });
    expect(buildDataTable(comfortable, 0, testContext(comfortable)).source).toContain('pageSize = 5,');
    const compactSource = buildDataTable(compact, 0, testContext(compact)).source;
    expect(compactSource).toContain('pageSize = 10,');
    expect(compactSource).toContain('px-2 py-1');
  });
});
