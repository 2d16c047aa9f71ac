import { describe, expect, it } from 'vitest';
import { ZComponentPlanSchema } from '../plan-schema';
import { analysePrompt } from './analyse';
import { routePrompt } from './router';

describe('analysePrompt', () => {
  it.each([
    ['a pricing table for our SaaS', 'pricing-table', 'PricingTable'],
    ['a save button with a loading state', 'button', 'SaveButton'],
    ['a login form with email and password fields', 'form', 'LoginForm'],
    ['a dark mode toggle', 'switch', 'DarkModeToggle'],
    ['a card called ProjectSummary with a badge', 'card', 'ProjectSummary'],
    ['a list of 1000 contacts loaded from the api', 'list', 'ContactList'],
    ['a KPI stat showing revenue', 'stat', 'KpiStat'],
    ['a close icon button', 'icon-button', 'CloseIconButton'],
  ])('"%s" → %s named %s, a valid plan', (prompt, kind, name) => {
    const plan = analysePrompt(prompt);
    expect(plan).toMatchObject({ kind, name, match: 'exact' });
    expect(ZComponentPlanSchema.safeParse(plan).success).toBe(true);
  });

  it('reads states, data, density and events', () => {
    const plan = analysePrompt('a compact list of 1000 contacts loaded from the api, with an empty state');
    expect(plan.states).toEqual(expect.arrayContaining(['loading', 'error', 'empty']));
    expect(plan.data).toMatchObject({ source: 'async', itemCount: 1000 });
    expect(plan.density).toBe('compact');
    expect(plan.events).toEqual(['onSelect']);
    expect(plan.props.find((prop) => prop.name === 'onSelect')?.type).toBe('(id: string) => void');
    expect(analysePrompt('a data table with name, email and role columns').data.fields).toEqual(['name', 'email', 'role']);
    expect(analysePrompt('a disabled checkbox').states).toEqual(['disabled']);
  });

  it('plans a composition with its parts in order', () => {
    const plan = analysePrompt('a settings page with a profile form and a danger zone');
    expect(plan).toMatchObject({ kind: 'composition', name: 'SettingsPage', parts: ['form', 'card'] });
  });

  it('plans the closest match and says so, for typos, nonsense, emoji and empty prompts', () => {
    expect(analysePrompt('a buton')).toMatchObject({ kind: 'button', name: 'Button', match: 'closest' });
    for (const prompt of ['xyzzy', '', '🙂🙂', '   ']) {
      const plan = analysePrompt(prompt);
      expect(plan.match).toBe('closest');
      expect(plan.summary).toMatch(/closest/);
      expect(ZComponentPlanSchema.safeParse(plan).success).toBe(true);
    }
  });

  it('plans a red button as the danger variant', () => {
    const plan = analysePrompt('a red delete button');
    expect(plan.name).toBe('DeleteButton');
    expect(plan.props.find((prop) => prop.name === 'variant')?.defaultValue).toBe("'danger'");
  });
});

describe('routePrompt', () => {
  const weightsOf = (prompt: string) => routePrompt(prompt, analysePrompt(prompt));

  it('weights sum to 1 and come with reasons', () => {
    for (const prompt of ['a button', 'a beautiful modern hero with a gradient', 'a fast table of 5000 rows']) {
      const { weights, reasons } = weightsOf(prompt);
      expect(weights.design + weights.logic + weights.performance).toBeCloseTo(1, 5);
      for (const weight of Object.values(weights)) expect(weight).toBeGreaterThanOrEqual(0);
      expect(Object.keys(reasons)).toEqual(['design', 'logic', 'performance']);
    }
  });

  it('leans on design for visual words, logic for async validation, performance for big fast lists', () => {
    const visual = weightsOf('a beautiful modern card with rounded corners and a soft shadow').weights;
    expect(visual.design).toBeGreaterThan(visual.logic);
    const logic = weightsOf('a form that validates and submits async to the api').weights;
    expect(logic.logic).toBeGreaterThan(logic.design);
    const performance = weightsOf('a fast list of 10000 items').weights;
    expect(performance.performance).toBeGreaterThan(Math.max(performance.design, performance.logic));
    expect(weightsOf('a fast list of 10000 items').reasons.performance).toMatch(/10000 items/);
  });
});

describe('ZComponentPlanSchema', () => {
  const valid = analysePrompt('a save button');

  it('accepts a plan and refuses bad edits with clear messages', () => {
    expect(ZComponentPlanSchema.safeParse(valid).success).toBe(true);
    const messages = (input: unknown) => {
      const parsed = ZComponentPlanSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(messages({ ...valid, name: 'save button' })).toEqual(['The name must be PascalCase letters and digits, e.g. PricingTable.']);
    expect(messages({ ...valid, kind: 'carousel' })[0]).toMatch(/^The kind must be one of: button, /);
    expect(messages({ ...valid, props: [{ name: '2x', type: 'string', optional: true, description: '' }] })[0]).toMatch(/identifier/);
    expect(messages({ ...valid, events: ['onHover'] })).toEqual(['The event "onHover" must also be listed in props with its type.']);
    expect(messages({ ...valid, kind: 'composition', parts: [] })).toEqual(['A composition needs at least one part.']);
  });
});
