// The contract every SPARK generator meets: a prompt becomes a plan a person can edit, the plan is
// routed to three experts (design, logic, performance) whose contributions a merger turns into one
// component with its tests and stories, in several variations. No I/O here: a generator that talks
// to a network (the OpenAI-compatible provider) gets its `fetch` injected.
import type { TTokenVocabulary } from '@lumenforge/spark-checks';
import type { TMergeConflict } from './merge-edit';

/** What the built-in generator knows how to build; `composition` combines several of them. */
export const COMPONENT_KINDS = [
  'button',
  'icon-button',
  'input',
  'textarea',
  'select',
  'checkbox',
  'radio-group',
  'switch',
  'form',
  'search-box',
  'card',
  'list',
  'data-table',
  'modal',
  'drawer',
  'dropdown-menu',
  'tabs',
  'accordion',
  'toast',
  'tooltip',
  'avatar',
  'badge',
  'breadcrumb',
  'pagination',
  'navbar',
  'sidebar',
  'hero',
  'pricing-table',
  'stat',
  'timeline',
  'stepper',
  'empty-state',
  'file-upload',
  'composition',
] as const;
export type TComponentKind = (typeof COMPONENT_KINDS)[number];

/** The states a component can be asked to show. */
export const COMPONENT_STATES = ['loading', 'empty', 'error', 'disabled'] as const;
export type TComponentState = (typeof COMPONENT_STATES)[number];

/** One prop of the planned component; `type` is TypeScript source (`string`, `'sm' | 'md'`, `() => void`). */
export type TPlannedProp = {
  name: string;
  type: string;
  optional: boolean;
  description: string;
  /** TypeScript source of the default value, when it has one. */
  defaultValue?: string;
};

/**
 * The analysis of a prompt, shown to the person and editable before generating. A generator must
 * accept any edited plan that passes `ZPlanSchema` (see plan-schema.ts) and build what it says.
 */
export type TComponentPlan = {
  /** PascalCase, the component's export and file name. */
  name: string;
  kind: TComponentKind;
  /** One sentence: what was understood. */
  summary: string;
  /** `exact` when the prompt named something the generator knows; `closest` when it guessed. */
  match: 'exact' | 'closest';
  props: TPlannedProp[];
  states: TComponentState[];
  /** Event props (`onClick`, `onSubmit`, `onChange`…), also listed in `props` with their types. */
  events: string[];
  /** The data it shows: none, static items passed as props, or loaded asynchronously. */
  data: { source: 'none' | 'props' | 'async'; itemCount: number | null; fields: string[] };
  accessibility: { role: string | null; labels: string[]; keyboard: string[] };
  /** For `composition`: the kinds it combines, in order; empty otherwise. */
  parts: TComponentKind[];
  /** Visual density the person asked for ("compact"). */
  density: 'comfortable' | 'compact';
};

export const EXPERTS = ['design', 'logic', 'performance'] as const;
export type TExpert = (typeof EXPERTS)[number];

/** The router's weights for one prompt: each in [0, 1], summing to 1, with why. */
export type TRouting = { weights: Record<TExpert, number>; reasons: Record<TExpert, string> };

/** What one expert added to one variation, shown on the page beside the weights. */
export type TExpertContribution = { expert: TExpert; weight: number; notes: string[] };

/** The three files of one component, named `<name>.tsx`, `<name>.test.tsx`, `<name>.stories.tsx`. */
export type TGeneratedFiles = { name: string; source: string; tests: string; stories: string };

export type TVariation = {
  /** Stable within one generation: `a`, `b`, `c`. */
  id: string;
  label: string;
  description: string;
  files: TGeneratedFiles;
  contributions: TExpertContribution[];
};

export type TGeneratorId = 'built-in' | 'openai-compatible';

/** One step of a generation, streamed to the page (SSE) as it happens. */
export type TGenerationProgress = {
  stage: 'analysis' | 'routing' | 'expert' | 'merge' | 'checks' | 'preview' | 'done';
  expert?: TExpert;
  message: string;
  /** Overall progress in [0, 1]. */
  progress: number;
  /** Streamed model text (provider only), for a live view; absent for the built-in generator. */
  delta?: string;
};

/** What every generator gets besides the prompt: the workspace's live tokens. */
export type TGenerationContext = {
  vocabulary: TTokenVocabulary;
  signal?: AbortSignal;
  onProgress?: (progress: TGenerationProgress) => void;
  /**
   * What a person should know that the returned value has no field for: `analyse` returns a plan,
   * so a generator that fell back while planning ("the model timed out; the built-in generator
   * planned it") says so here. `analyseWithNotices` collects them.
   */
  onNotice?: (notice: string) => void;
};

/** A plan with what the person should know about how it was made (see `analyseWithNotices`). */
export type TAnalysis = { plan: TComponentPlan; notices: string[]; generator: TGeneratorId };

export type TGenerationResult = {
  generator: TGeneratorId;
  plan: TComponentPlan;
  routing: TRouting;
  variations: TVariation[];
  /** What a person should know: "understood as the closest match: card", "the model timed out; the built-in generator answered". */
  notices: string[];
};

/** A follow-up prompt ("add a loading state", "make it compact") applied to a chosen component. */
export type TEditRequest = {
  instruction: string;
  files: TGeneratedFiles;
  /** The plan it was generated from; null for a component written by hand. */
  plan: TComponentPlan | null;
};

export type TEditResult = {
  generator: TGeneratorId;
  files: TGeneratedFiles;
  plan: TComponentPlan | null;
  /** One sentence per change made ("added a loading state with aria-busy"). */
  changes: string[];
  notices: string[];
  /**
   * Where the edit and the person's changes since generating touched the same lines (built-in:
   * the person's lines were kept, see `mergeEdit`); empty or absent when there were none.
   */
  conflicts?: TMergeConflict[];
};

/** Both generators implement this; the SPARK app picks one from its env and falls back to built-in. */
export interface IComponentGenerator {
  readonly id: TGeneratorId;
  /** Prompt → plan. Never throws for a prompt it does not understand: it plans the closest match. */
  analyse(prompt: string, context: TGenerationContext): Promise<TComponentPlan>;
  /** Plan (possibly edited by the person) → `variations` variations (default 3). */
  generate(
    request: { prompt: string; plan: TComponentPlan; variations?: number },
    context: TGenerationContext,
  ): Promise<TGenerationResult>;
  edit(request: TEditRequest, context: TGenerationContext): Promise<TEditResult>;
}
