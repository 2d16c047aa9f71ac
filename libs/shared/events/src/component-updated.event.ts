import { z } from 'zod';
import { defineEvent } from './define-event';
import { COMPONENT_FIELDS } from './event-fields.schema';

export const COMPONENT_UPDATED = defineEvent({
  subject: 'wissil.component.updated',
  description: 'A new version of an existing component was saved',
  schema: z.object({
    ...COMPONENT_FIELDS,
    previousVersion: z.int().positive(),
    /** What changed, e.g. source, props, stories, metadata. */
    changedFields: z.array(z.string().min(1).max(100)).max(50),
  }),
  sample: {
    componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0',
    name: 'PricingCard',
    version: 3,
    previousVersion: 2,
    changedFields: ['source', 'props'],
  },
});
export type TComponentUpdated = z.infer<typeof COMPONENT_UPDATED.schema>;
