// The pipeline both generate and edit run: validate the plan, route it, and build variations with
// the kind's part (or the closest registered one), merged and fitted to the live tokens.
import { ZComponentPlanSchema } from '../plan-schema';
import type { TComponentKind, TComponentPlan, TGenerationContext, TVariation } from '../types';
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

/** Token-free emphasis for a look a small token set flattened: thicker borders, stronger labels. */
function strongerBorders(text: string): string {
  return text.replace(/(className=(?:\{?)["'`])([^"'`]*)(["'`])/g, (_whole, open: string, classes: string, close: string) =>
    `${open}${classes
      .split(' ')
      .map((word) => (word === 'border' ? 'border-2' : word === 'font-medium' ? 'font-semibold' : word))
      .join(' ')}${close}`,
  );
}

/**
 * The alternatives tried, in order, when a variation comes out the same as an earlier one (a
 * workspace token set without shadows or radii flattens the three looks): the other density, then
 * stronger borders, then both. Each is a real difference a person can choose between.
 */
const ALTERNATIVES = [
  { otherDensity: false, stronger: false, label: '' },
  { otherDensity: true, stronger: false, label: '' },
  { otherDensity: false, stronger: true, label: ', strong borders' },
  { otherDensity: true, stronger: true, label: ', strong borders' },
] as const;

/** Builds `count` variations of a valid plan (shared by generate and edit), each different from the others. */
export function buildVariations(prompt: string, plan: TComponentPlan, count: number, context: TGenerationContext, only?: number) {
  const routing = routePrompt(`${prompt} ${plan.summary}`, plan);
  const part = partFor(plan.kind);
  const build = (variantPlan: TComponentPlan, index: number) => {
    const partCtx = partContext(variantPlan, routing, context.vocabulary, index);
    return mergeVariation(variantPlan, part.build(variantPlan, index, partCtx), partCtx, index);
  };
  if (only !== undefined) return { routing, variations: [build(plan, only)], notices: part.notice ? [part.notice] : [] };
  const seen = new Set<string>();
  const variations = Array.from({ length: count }, (_, index) => {
    let first: TVariation | undefined;
    for (const alternative of ALTERNATIVES) {
      const variantPlan: TComponentPlan = alternative.otherDensity ? { ...plan, density: plan.density === 'compact' ? 'comfortable' : 'compact' } : plan;
      let variation = build(variantPlan, index);
      if (alternative.stronger) {
        const files = { ...variation.files, source: strongerBorders(variation.files.source) };
        variation = { ...variation, label: `${variation.label}${alternative.label}`, description: `${variation.description} Thicker borders and stronger labels.`, files };
      }
      first ??= variation;
      const key = `${variation.files.source}\n${variation.files.stories}`;
      if (seen.has(key)) continue;
      seen.add(key);
      return variation;
    }
    return first as TVariation;
  });
  return { routing, variations, notices: part.notice ? [part.notice] : [] };
}
