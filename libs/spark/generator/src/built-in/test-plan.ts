// Plans and part contexts for unit tests of parts, built directly (not through the analyser) so a
// part's test says exactly what the plan holds.
import { tokenVocabulary } from '@lumenforge/spark-checks';
import { loadDefaultTokenSet } from '@lumenforge/tokens';
import type { TComponentKind, TComponentPlan } from '../types';
import { partContext } from './experts';
import type { TPartContext } from './part';
import { routePrompt } from './router';

export const TEST_VOCABULARY = tokenVocabulary(loadDefaultTokenSet());

export function testPlan(kind: TComponentKind, name: string, overrides: Partial<TComponentPlan> = {}): TComponentPlan {
  return {
    name,
    kind,
    summary: `A ${kind.replace('-', ' ')}.`,
    match: 'exact',
    props: [],
    states: [],
    events: [],
    data: { source: 'props', itemCount: null, fields: [] },
    accessibility: { role: null, labels: [], keyboard: [] },
    parts: [],
    density: 'comfortable',
    ...overrides,
  };
}

/** The context the pipeline would give variation `index` of `plan`. */
export function testContext(plan: TComponentPlan, index = 0): TPartContext {
  return partContext(plan, routePrompt(plan.summary, plan), TEST_VOCABULARY, index);
}
