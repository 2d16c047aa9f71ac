import { z } from 'zod';
import { defineEvent } from './define-event';
import { COMPONENT_FIELDS } from './event-fields.schema';

export const COMPONENT_DEPRECATED = defineEvent({
  subject: 'wissil.component.deprecated',
  description: 'A component was deprecated, optionally in favour of a replacement',
  schema: z.object({
    ...COMPONENT_FIELDS,
    reason: z.string().min(1).max(2000),
    replacementComponentId: z.uuid().nullable(),
  }),
  sample: {
    componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0',
    name: 'PricingCard',
    version: 3,
    reason: 'Superseded by PlanCard, which supports annual billing',
    replacementComponentId: '3b92f548-d39e-4749-aac2-af58e49fbae5',
  },
});
export type TComponentDeprecated = z.infer<typeof COMPONENT_DEPRECATED.schema>;
