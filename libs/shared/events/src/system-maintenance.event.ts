import { z } from 'zod';
import { defineEvent } from './define-event';
import { ZServiceNameSchema } from './event-fields.schema';

export const MAINTENANCE_PHASES = ['scheduled', 'started', 'completed', 'cancelled'] as const;

export const SYSTEM_MAINTENANCE = defineEvent({
  subject: 'wissil.system.maintenance',
  description: 'A maintenance window was scheduled, started, completed or cancelled',
  schema: z.object({
    phase: z.enum(MAINTENANCE_PHASES),
    /** Affected services; empty means the whole platform. */
    services: z.array(ZServiceNameSchema).max(50),
    startsAt: z.iso.datetime({ offset: true }),
    /** Expected end, null when open-ended. */
    endsAt: z.iso.datetime({ offset: true }).nullable(),
    message: z.string().min(1).max(2000),
  }),
  sample: {
    phase: 'scheduled',
    services: ['waypoint', 'ignis'],
    startsAt: '2026-03-21T02:00:00.000Z',
    endsAt: '2026-03-21T03:00:00.000Z',
    message: 'Kubernetes node upgrade on the Helios nodes',
  },
});
export type TSystemMaintenance = z.infer<typeof SYSTEM_MAINTENANCE.schema>;
