// The contract of a part: the built-in generator's knowledge of one component kind.
//
// How to write a part (one file per kind, src/built-in/parts/<kind>.ts):
// - Export `build<Kind>(plan, variation, context)` returning `TPartBuild`: the three files' text
//   (`<plan.name>.tsx`, `.test.tsx`, `.stories.tsx`) and what each expert contributed (`notes`).
// - Build what the plan says: `plan.name` is the export, `plan.states` the states to show,
//   `plan.data` (props or async, item count, fields), `plan.density`, `plan.accessibility`,
//   `plan.props`/`plan.events`; a plan edited by a person is valid input (see plan-schema.ts).
// - `variation` (0, 1, 2) picks the look: use `partStyle(variation)` and `partDensity(plan)` from
//   part-kit.ts; every class must be a SLATE token utility (no hex, px, arbitrary values).
// - `context` carries the router's decisions: honour `context.performance.virtualise` for long
//   lists and `context.performance.memo`, and mention them in `notes.performance`.
// - Files must pass checkComponent including types: the component imports only `react`; tests
//   start with `// @vitest-environment happy-dom` (use `testHeader`), stories use `storiesHeader`
//   (CSF3 + a story with `play`). Tests must pass in happy-dom and stories render without axe
//   violations, so give every control an accessible name.
// - Register the builder in parts/index.ts (one line per kind, keep the list sorted by kind).
// Shared helpers live in src/built-in/ (part-kit.ts, sample-data.ts, component-kit.ts); never copy
// code between parts. component-kit.ts's `buildComponentFiles` writes the three files from a small
// declarative spec (props, body, render, tests, stories) with the generic loading/error/empty
// states, memo and async loading; the button and badge parts are short examples of it.
import type { TComponentPlan, TComponentKind, TExpert, TRouting } from '../types';
import type { TTokenVocabulary } from '@lumenforge/spark-checks';
export type { TPartBuild } from './part-build';
import type { TPartBuild } from './part-build';
import type { TDesignStyle } from './design-style';

/** What the performance expert decided for this generation. */
export type TPerformanceDecisions = {
  /** Wrap the component in React.memo and keep handlers stable with useCallback. */
  memo: boolean;
  /** Render only the visible window of a long list (item count above `VIRTUALISE_ABOVE`). */
  virtualise: boolean;
  /** Defer expensive filtering of typed input with useDeferredValue. */
  deferInput: boolean;
};

/** Lists longer than this are windowed. */
export const VIRTUALISE_ABOVE = 100;

/** The router's decisions every part gets besides the plan and the variation index. */
export type TPartContext = {
  routing: TRouting;
  /** The design expert's classes for this variation (H2's `partStyle` plus more slots). */
  design: TDesignStyle;
  performance: TPerformanceDecisions;
  vocabulary: TTokenVocabulary;
};

export type TPartBuilder = (plan: TComponentPlan, variation: number, context: TPartContext) => TPartBuild;

/** A registered part: the kind it builds and its builder. */
export type TPart = { kind: TComponentKind; build: TPartBuilder };

/** Notes per expert, all three present (the page shows each). */
export function expertNotes(notes: Partial<Record<TExpert, string[]>>): Record<TExpert, string[]> {
  return { design: notes.design ?? [], logic: notes.logic ?? [], performance: notes.performance ?? [] };
}
