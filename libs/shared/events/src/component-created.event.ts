import { z } from 'zod';
import { defineEvent } from './define-event';
import { COMPONENT_FIELDS } from './event-fields.schema';

export const COMPONENT_ORIGINS = ['spark', 'manual', 'import'] as const;

export const COMPONENT_CREATED = defineEvent({
  subject: 'wissil.component.created',
  description: 'A component was saved for the first time',
  schema: z.object({
    ...COMPONENT_FIELDS,
    /** SPARK (AI generated), written by hand, or imported. */
    origin: z.enum(COMPONENT_ORIGINS),
    category: z.string().min(1).max(100).optional(),
  }),
  sample: {
    componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0',
    name: 'PricingCard',
    version: 1,
    origin: 'spark',
    category: 'marketing',
  },
});
export type TComponentCreated = z.infer<typeof COMPONENT_CREATED.schema>;
