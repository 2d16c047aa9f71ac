// Reading a plan back into words and values for generated code: the visible label a prompt implies,
// and a prop's planned default among allowed values.
import type { TComponentPlan } from '../types';
import { humanise, sentence } from './part-kit';

const KIND_WORDS = /\b(button|icon|input|field|textarea|select|dropdown|checkbox|radio|group|switch|toggle|form|search|box|card|list|badge|avatar|stat|state|tooltip|component)\b/g;

/**
 * The label the plan implies: a planned `label` default, else the name without its kind words
 * (`SaveButton` → `Save`), else `fallback`.
 */
export function promptLabel(plan: TComponentPlan, fallback: string): string {
  const planned = plan.props.find((prop) => prop.name === 'label')?.defaultValue;
  const literalValue = planned ? /^['"](.*)['"]$/.exec(planned.trim())?.[1] : undefined;
  if (literalValue) return literalValue;
  const words = humanise(plan.name).replace(KIND_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return words ? sentence(words) : sentence(fallback);
}

/** The planned default of a string-union prop when it is one of `allowed`, else `fallback`. */
export function plannedDefault<T extends string>(plan: TComponentPlan, prop: string, allowed: readonly T[], fallback: T): T {
  const planned = plan.props.find((candidate) => candidate.name === prop)?.defaultValue?.trim();
  const value = planned ? /^['"](.*)['"]$/.exec(planned)?.[1] : undefined;
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}
