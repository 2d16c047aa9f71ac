// The pipeline both generate and edit run: validate the plan, route it, and build variations with
// the kind's part (or the closest registered one), merged and fitted to the live tokens.
import { ZComponentPlanSchema } from '../plan-schema';
import type { TComponentKind, TComponentPlan, TGenerationContext } from '../types';
import { mergeVariation, partContext } from './experts';
import type { TPartBuilder } from './part';
import { PARTS } from './parts';
import { routePrompt } from './router';

/** A plan that does not pass ZComponentPlanSchema; `issues` say which field and why. */
export class InvalidPlanError extends Error {
  constructor(readonly issues: string[]) {
    super(`The plan is not valid: ${issues.join(' ')}`);
    this.name = 'InvalidPlanError';
  }
}

/** Kinds whose part may not be registered yet, and the registered kind that comes closest. */
const FALLBACK_KINDS: TComponentKind[] = ['card', 'list', 'button'];
const CLOSEST: Partial<Record<TComponentKind, TComponentKind>> = {
  'data-table': 'list', timeline: 'list', stepper: 'list', breadcrumb: 'list', pagination: 'list', navbar: 'list',
  sidebar: 'list', tabs: 'list', accordion: 'list', 'dropdown-menu': 'select', 'file-upload': 'button',
}; // prettier-ignore

/** The part for a kind, or the closest registered one with a notice saying so. */
export function partFor(kind: TComponentKind): { build: TPartBuilder; kind: TComponentKind; notice: string | null } {
  const own = PARTS[kind];
  if (own) return { build: own, kind, notice: null };
  const candidates = [CLOSEST[kind], ...FALLBACK_KINDS].filter((candidate): candidate is TComponentKind => candidate !== undefined);
  for (const candidate of candidates) {
    const build = PARTS[candidate];
    if (build)
      return { build, kind: candidate, notice: `The built-in generator has no ${kind.replace('-', ' ')} part yet; it built the closest one it has: ${candidate.replace('-', ' ')}.` };
  }
  throw new Error('The built-in generator has no parts registered.');
}

/** Validates an edited plan; throws InvalidPlanError with every issue. */
export function validPlan(plan: TComponentPlan): TComponentPlan {
  const parsed = ZComponentPlanSchema.safeParse(plan);
  if (!parsed.success)
    throw new InvalidPlanError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`));
  return plan;
}

/** Builds `count` variations of a valid plan (shared by generate and edit). */
export function buildVariations(prompt: string, plan: TComponentPlan, count: number, context: TGenerationContext, only?: number) {
  const routing = routePrompt(`${prompt} ${plan.summary}`, plan);
  const part = partFor(plan.kind);
  const indexes = only !== undefined ? [only] : Array.from({ length: count }, (_, index) => index);
  const variations = indexes.map((index) => {
    const partCtx = partContext(plan, routing, context.vocabulary, index);
    return mergeVariation(plan, part.build(plan, index, partCtx), partCtx, index);
  });
  return { routing, variations, notices: part.notice ? [part.notice] : [] };
}
