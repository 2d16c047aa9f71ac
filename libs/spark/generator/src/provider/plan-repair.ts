// A model's plan, mended where the intent is plain (a name in the wrong case, a missing empty
// list, an event not listed as a prop) and then held to the same schema as a person's edits.
import { ZComponentPlanSchema } from '../plan-schema';
import { COMPONENT_KINDS, COMPONENT_STATES, type TComponentKind, type TComponentPlan } from '../types';

type TLoose = Record<string, unknown>;

function isRecord(value: unknown): value is TLoose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pascalCase(text: string): string {
  const name = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('')
    .replace(/^[0-9]+/, '');
  return name.slice(0, 60);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The model's JSON → a plan `ZComponentPlanSchema` accepts, with the repairs it needed, or the
 * schema's first messages when it is beyond mending (an unknown kind, props without types…).
 */
export function planFromModel(
  value: unknown,
): { ok: true; plan: TComponentPlan; repairs: string[] } | { ok: false; reason: string } {
  if (!isRecord(value)) return { ok: false, reason: 'the answer is not a JSON object' };
  const repairs: string[] = [];
  const plan: TLoose = { ...value };

  if (typeof plan.name === 'string' && !/^[A-Z][A-Za-z0-9]*$/.test(plan.name)) {
    const name = pascalCase(plan.name);
    if (name) {
      repairs.push(`named it ${name} (PascalCase) instead of "${plan.name}"`);
      plan.name = name;
    }
  }
  if (typeof plan.kind === 'string')
    plan.kind = plan.kind
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
  if (typeof plan.summary !== 'string') plan.summary = '';
  else if (plan.summary.length > 500) plan.summary = `${plan.summary.slice(0, 497)}…`;
  if (plan.match !== 'exact' && plan.match !== 'closest') plan.match = 'closest';
  if (plan.density !== 'compact') plan.density = 'comfortable';
  if (!Array.isArray(plan.props)) plan.props = [];
  plan.props = (plan.props as unknown[]).map((prop) =>
    isRecord(prop)
      ? {
          ...prop,
          optional: typeof prop.optional === 'boolean' ? prop.optional : true,
          description: typeof prop.description === 'string' ? prop.description : '',
        }
      : prop,
  );

  const knownStates = new Set<string>(COMPONENT_STATES);
  const states = stringArray(plan.states).map((state) => state.toLowerCase());
  plan.states = [...new Set(states.filter((state) => knownStates.has(state)))];
  if ((plan.states as string[]).length < states.length)
    repairs.push('dropped states that are not loading, empty, error or disabled');

  const propNames = new Set(
    (plan.props as unknown[]).flatMap((prop) =>
      isRecord(prop) && typeof prop.name === 'string' ? [prop.name] : [],
    ),
  );
  plan.events = [...new Set(stringArray(plan.events).filter((event) => /^on[A-Z][A-Za-z0-9]*$/.test(event)))];
  for (const event of plan.events as string[]) {
    if (propNames.has(event)) continue;
    (plan.props as unknown[]).push({
      name: event,
      type: '() => void',
      optional: true,
      description: `Called on ${event.slice(2).toLowerCase()}.`,
    });
    repairs.push(`listed the event ${event} as a prop`);
  }

  const data = isRecord(plan.data) ? plan.data : {};
  const itemCount =
    typeof data.itemCount === 'number' && Number.isFinite(data.itemCount)
      ? Math.max(0, Math.round(data.itemCount))
      : null;
  plan.data = {
    source: data.source === 'props' || data.source === 'async' ? data.source : 'none',
    itemCount,
    fields: stringArray(data.fields)
      .filter((field) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field))
      .slice(0, 20),
  };
  const accessibility = isRecord(plan.accessibility) ? plan.accessibility : {};
  plan.accessibility = {
    role: typeof accessibility.role === 'string' && accessibility.role ? accessibility.role : null,
    labels: stringArray(accessibility.labels),
    keyboard: stringArray(accessibility.keyboard),
  };
  const knownKinds = new Set<string>(COMPONENT_KINDS);
  plan.parts = stringArray(plan.parts)
    .filter((part): part is TComponentKind => knownKinds.has(part) && part !== 'composition')
    .slice(0, 8);

  const parsed = ZComponentPlanSchema.safeParse(plan);
  if (!parsed.success)
    return {
      ok: false,
      reason: parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`)
        .join('; '),
    };
  return { ok: true, plan: parsed.data as TComponentPlan, repairs };
}
