import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZServiceNameSchema } from './event-fields.schema';

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;

export const SYSTEM_ALERT = defineEvent({
  subject: 'wissil.system.alert',
  description: 'Something needs an operator: a metric crossed its threshold or an event was parked',
  schema: z.object({
    severity: z.enum(ALERT_SEVERITIES),
    /** Service or component raising the alert, e.g. `waypoint` or `outbox-relay`. */
    source: ZServiceNameSchema,
    metric: z.string().min(1).max(200).optional(),
    value: z.number().optional(),
    threshold: z.number().optional(),
    message: z.string().min(1).max(4000),
    /** For dead-lettered events: the id of the event parked after its retries ran out. */
    parkedEventId: z.uuid().optional(),
    parkedSubject: z.string().min(1).max(200).optional(),
    /** The consumer that gave up on the parked event. */
    consumer: z.string().min(1).max(200).optional(),
  }),
  sample: {
    severity: 'critical',
    source: 'waypoint',
    message: 'Event parked after 3 failed attempts: connection refused',
    parkedEventId: 'dac581d3-1c3a-4728-8e5c-f0550255b8f8',
    parkedSubject: 'wissil.project.created',
    consumer: 'waypoint-pipeline-init',
  },
});
export type TSystemAlert = z.infer<typeof SYSTEM_ALERT.schema>;
