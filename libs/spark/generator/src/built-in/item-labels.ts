// The short labels a prompt names for a part's items (tabs, breadcrumb trail, steps, nav links),
// read from the plan's fields and labels, and a stable id for each.
import type { TComponentPlan } from '../types';
import { sentence } from './part-kit';

/** The item labels the plan names (at least two), else `fallback`. */
export function planItemLabels(plan: TComponentPlan, fallback: readonly string[], max = 6): string[] {
  const named = [...plan.data.fields, ...plan.accessibility.labels]
    .map((label) => sentence(label.trim()))
    .filter((label) => /^[\p{L}\d][\p{L}\d ]{0,30}$/u.test(label));
  const unique = [...new Set(named)];
  return unique.length >= 2 ? unique.slice(0, max) : [...fallback];
}

/** `Billing details` → `billing-details`. */
export function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'item';
}
