// The plan a person may edit before generating: every generator accepts any plan this schema
// accepts, so its messages say how to fix a field, not just that it is wrong.
import { z } from 'zod';
import { COMPONENT_KINDS, COMPONENT_STATES, type TComponentPlan } from './types';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
/** Names a generated component cannot take: they shadow what its files import. */
const RESERVED_NAMES = new Set(['React', 'Fragment', 'Meta', 'StoryObj', 'Story']);

const ZPlannedPropSchema = z.object({
  name: z
    .string()
    .regex(IDENTIFIER, 'A prop name must be an identifier: letters, digits, _ or $, not starting with a digit.'),
  type: z.string().trim().min(1, 'A prop needs a TypeScript type, e.g. string or () => void.').max(300),
  optional: z.boolean(),
  description: z.string().max(300),
  defaultValue: z.string().max(300).optional(),
});

export const ZComponentPlanSchema = z
  .object({
    name: z
      .string()
      .regex(PASCAL_CASE, 'The name must be PascalCase letters and digits, e.g. PricingTable.')
      .max(60, 'The name must be at most 60 characters.')
      .refine((name) => !RESERVED_NAMES.has(name), 'This name is taken by an import of the generated files.'),
    kind: z.enum(COMPONENT_KINDS, { message: `The kind must be one of: ${COMPONENT_KINDS.join(', ')}.` }),
    summary: z.string().max(500),
    match: z.enum(['exact', 'closest']),
    props: z.array(ZPlannedPropSchema).max(30, 'At most 30 props.'),
    states: z.array(z.enum(COMPONENT_STATES, { message: `A state is one of: ${COMPONENT_STATES.join(', ')}.` })),
    events: z.array(
      z.string().regex(/^on[A-Z][A-Za-z0-9]*$/, 'An event prop is named onSomething, e.g. onClick.'),
    ),
    data: z.object({
      source: z.enum(['none', 'props', 'async']),
      itemCount: z.number().int().min(0).max(1_000_000).nullable(),
      fields: z.array(z.string().regex(IDENTIFIER, 'A data field must be an identifier, e.g. title.')).max(20),
    }),
    accessibility: z.object({
      role: z.string().nullable(),
      labels: z.array(z.string()),
      keyboard: z.array(z.string()),
    }),
    parts: z.array(z.enum(COMPONENT_KINDS, { message: 'A part is one of the known kinds.' })).max(8),
    density: z.enum(['comfortable', 'compact']),
  })
  .superRefine((plan, context) => {
    const seen = new Set<string>();
    plan.props.forEach((prop, index) => {
      if (seen.has(prop.name))
        context.addIssue({ code: 'custom', path: ['props', index, 'name'], message: `The prop "${prop.name}" is listed twice.` });
      seen.add(prop.name);
    });
    plan.events.forEach((event, index) => {
      if (!seen.has(event))
        context.addIssue({
          code: 'custom',
          path: ['events', index],
          message: `The event "${event}" must also be listed in props with its type.`,
        });
    });
    if (plan.kind === 'composition' && plan.parts.length === 0)
      context.addIssue({ code: 'custom', path: ['parts'], message: 'A composition needs at least one part.' });
    if (plan.parts.includes('composition'))
      context.addIssue({ code: 'custom', path: ['parts'], message: 'A composition cannot contain a composition.' });
  });

/** Parses an edited plan; the same shape as `TComponentPlan`. */
export function parseComponentPlan(input: unknown): z.ZodSafeParseResult<TComponentPlan> {
  return ZComponentPlanSchema.safeParse(input) as z.ZodSafeParseResult<TComponentPlan>;
}
