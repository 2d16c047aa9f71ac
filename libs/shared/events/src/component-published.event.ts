import { z } from 'zod';
import { defineEvent } from './define-event';
import { COMPONENT_FIELDS } from './event-fields.schema';

export const COMPONENT_PUBLISHED = defineEvent({
  subject: 'wissil.component.published',
  description: 'A component version was published to the registry (usable in IGNIS and Storybook)',
  schema: z.object({
    ...COMPONENT_FIELDS,
    /** Package reference in the component registry, e.g. `@acme/pricing-card@3.0.0`. */
    packageRef: z.string().min(1).max(300).optional(),
  }),
  sample: {
    componentId: '1a7e5e53-61e7-4e88-82b4-4a870896f3b0',
    name: 'PricingCard',
    version: 3,
    packageRef: '@acme/pricing-card@3.0.0',
  },
});
export type TComponentPublished = z.infer<typeof COMPONENT_PUBLISHED.schema>;
