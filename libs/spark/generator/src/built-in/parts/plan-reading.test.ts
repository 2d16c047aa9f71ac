// What H2's parts read from a plan besides its kind: wording, counts, limits and labels the prompt
// named, and the states, density and async data every part honours.
import { checkComponent, formatProblem } from '@lumenforge/spark-checks';
import { describe, expect, it } from 'vitest';
import type { TComponentKind, TComponentPlan } from '../../types';
import type { TPartBuilder } from '../part';
import { TEST_VOCABULARY, testContext, testPlan } from '../test-plan';
import { buildAccordion } from './accordion';
import { buildBreadcrumb } from './breadcrumb';
import { buildDropdownMenu } from './dropdown-menu';
import { buildFileUpload } from './file-upload';
import { buildModal } from './modal';
import { buildNavbar } from './navbar';
import { buildPagination } from './pagination';
import { buildStepper } from './stepper';
import { buildTabs } from './tabs';
import { buildTimeline } from './timeline';
import { buildToast } from './toast';
import { PARTS } from './index';

function build(builder: TPartBuilder, plan: TComponentPlan, variation = 0) {
  return builder(plan, variation, testContext(plan, variation));
}

describe('H2 parts read the plan', () => {
  it('modal: destructive wording and a danger action for a delete confirmation', () => {
    const files = build(buildModal, testPlan('modal', 'DeleteFileModal', { summary: 'A modal to confirm deleting a file.' }));
    expect(files.source).toContain("title = 'Delete this file?'");
    expect(files.source).toContain('bg-danger-600');
    expect(build(buildModal, testPlan('modal', 'RenameDialog')).source).toContain("title = 'Rename dialog'");
  });

  it('toast: tone, action and duration from the prompt', () => {
    const error = build(buildToast, testPlan('toast', 'ErrorToast', { summary: 'Error toast with a retry action.' }));
    expect(error.source).toContain("tone = 'error'");
    expect(error.source).toContain("actionLabel = 'Retry'");
    const upload = build(buildToast, testPlan('toast', 'UploadToast', { summary: 'Says the file was uploaded and disappears after ten seconds.' }));
    expect(upload.source).toContain('durationMs = 10000');
    expect(upload.source).toContain("message = 'The file was uploaded.'");
  });

  it('pagination: the page count the prompt names', () => {
    expect(build(buildPagination, testPlan('pagination', 'Pager', { summary: 'Pagination for 42 pages.' })).source).toContain('pageCount = 42');
    expect(build(buildPagination, testPlan('pagination', 'Pager')).source).toContain('pageCount = 10');
  });

  it('file upload: accepted types and size limit from the prompt', () => {
    const images = build(buildFileUpload, testPlan('file-upload', 'ImageDropzone', { summary: 'Accepts images up to 5 MB.' }));
    expect(images.source).toContain("accept = 'image/*'");
    expect(images.source).toContain('maxSizeMb = 5');
    expect(build(buildFileUpload, testPlan('file-upload', 'CsvUpload', { summary: 'Upload CSV files.' })).source).toContain("accept = '.csv'");
  });

  it('tabs, breadcrumb and stepper: the labels the plan names', () => {
    const fields = { source: 'props' as const, itemCount: 3, fields: ['Code', 'Preview', 'Console'] };
    expect(build(buildTabs, testPlan('tabs', 'EditorTabs', { data: fields })).source).not.toContain('Overview');
    expect(build(buildTabs, testPlan('tabs', 'EditorTabs', { data: fields })).tests).toContain("name: 'Console'");
    expect(build(buildBreadcrumb, testPlan('breadcrumb', 'Trail', { data: fields })).tests).toContain("href: '/preview/console'");
    expect(build(buildStepper, testPlan('stepper', 'CheckoutSteps', { summary: 'Checkout with payment.' })).tests).toContain("label: 'Shipping'");
  });

  it('accordion, menu, navbar and timeline: behaviour the wording asks for', () => {
    expect(build(buildAccordion, testPlan('accordion', 'Sections', { summary: 'Several open at once.' })).source).toContain('allowMultiple = true');
    expect(build(buildAccordion, testPlan('accordion', 'Faq', { summary: 'Only one open at a time.' })).source).toContain('allowMultiple = false');
    expect(build(buildDropdownMenu, testPlan('dropdown-menu', 'AccountMenu', { summary: 'User account menu.' })).tests).toContain("name: 'Sign out'");
    expect(build(buildNavbar, testPlan('navbar', 'SiteHeader', { summary: 'Navigation for a marketing site.' })).source).toContain("actionLabel = 'Sign in'");
    expect(build(buildTimeline, testPlan('timeline', 'RepoActivity', { summary: 'Activity feed, newest first.' })).source).toContain("order = 'newest-first'");
  });

  const H2_KINDS: TComponentKind[] = ['data-table', 'modal', 'drawer', 'dropdown-menu', 'tabs', 'accordion', 'toast', 'breadcrumb', 'pagination', 'navbar', 'sidebar', 'hero', 'pricing-table', 'timeline', 'stepper', 'file-upload'];

  it.each(H2_KINDS)('%s: states, density and async data all pass the checks', (kind) => {
    const builder = PARTS[kind] as TPartBuilder;
    const plans = [
      testPlan(kind, 'StatefulThing', { states: ['loading', 'empty', 'error', 'disabled'], density: 'compact' }),
      testPlan(kind, 'LoadedThing', { data: { source: 'async', itemCount: 500, fields: [] } }),
    ];
    for (const plan of plans) {
      for (const variation of [0, 2]) {
        const files = build(builder, plan, variation);
        const check = checkComponent({ name: plan.name, ...files }, TEST_VOCABULARY);
        expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
        expect(files.tests.startsWith('// @vitest-environment happy-dom\n')).toBe(true);
        expect(files.stories).toMatch(/play: async/);
      }
    }
    const stateful = build(builder, plans[0] as TComponentPlan);
    if (kind !== 'data-table') expect(stateful.source).toMatch(/role="status"|role=\{/);
  }, 60_000);
});
