// The three experts' decisions for one variation, and the merger that turns a part's build into a
// TVariation: the design expert picks the look (one of three per generation) fitted to the live
// tokens, the logic expert's work is in the plan the part follows (props, states, events, async
// data, validation), the performance expert decides memoisation, windowing and deferred input.
import type { TTokenVocabulary } from '@lumenforge/spark-checks';
import type { TComponentPlan, TExpert, TGeneratedFiles, TRouting, TVariation } from '../types';
import { EXPERTS } from '../types';
import { adaptToVocabulary, designStyle } from './design-style';
import { VIRTUALISE_ABOVE, type TPartBuild, type TPartContext, type TPerformanceDecisions } from './part';

const VARIATION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** The performance expert: what the component's size and the router's weight call for. */
export function performanceDecisions(plan: TComponentPlan, routing: TRouting): TPerformanceDecisions {
  const count = plan.data.itemCount ?? 0;
  return {
    memo: routing.weights.performance >= 0.35 || count > VIRTUALISE_ABOVE,
    virtualise: count > VIRTUALISE_ABOVE,
    deferInput: routing.weights.performance >= 0.3 || count > VIRTUALISE_ABOVE,
  };
}

/** Everything a part gets for variation `index`. */
export function partContext(plan: TComponentPlan, routing: TRouting, vocabulary: TTokenVocabulary, index: number): TPartContext {
  return { routing, design: designStyle(plan, index), performance: performanceDecisions(plan, routing), vocabulary };
}

/** The merger: one part build → a variation with its files fitted to the vocabulary and each expert's notes. */
export function mergeVariation(
  plan: TComponentPlan,
  build: TPartBuild,
  context: TPartContext,
  index: number,
): TVariation {
  const files: TGeneratedFiles = { name: plan.name, source: build.source, tests: build.tests, stories: build.stories };
  const changed = new Set<string>();
  for (const key of ['source', 'tests', 'stories'] as const) {
    const adapted = adaptToVocabulary(files[key], context.vocabulary);
    files[key] = adapted.text;
    for (const word of adapted.changed) changed.add(word);
  }
  const notes: Record<TExpert, string[]> = { ...build.notes };
  if (changed.size > 0)
    notes.design = [...notes.design, `fitted to this workspace's tokens: replaced or dropped ${[...changed].slice(0, 6).join(', ')}`];
  const style = context.design;
  const emphasis = ['Outlined surfaces and clear borders', 'Raised surfaces with shadows and stronger accents', 'Quiet, low-contrast surfaces'][index % 3];
  return {
    id: VARIATION_IDS[index] ?? String(index + 1),
    label: `${style.label}${plan.density === 'compact' ? ', compact' : ''}`,
    description: `${emphasis}; ${plan.density} density.`,
    files,
    contributions: EXPERTS.map((expert) => ({ expert, weight: context.routing.weights[expert], notes: notes[expert] })),
  };
}
