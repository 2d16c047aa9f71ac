import { z } from 'zod';

/** A concrete subject: `wissil.` plus one or more non-empty tokens, no wildcards or whitespace. */
export const WISSIL_SUBJECT_PATTERN = /^wissil(\.[^.\s*>]+)+$/;

export const EVENT_ACTOR_TYPES = ['user', 'agent', 'system'] as const;

/** Who caused the event: a signed-in user, the automation agent, or the platform itself. */
export const ZEventActorSchema = z.object({
  type: z.enum(EVENT_ACTOR_TYPES),
  /** User id (UUID) for users; a stable name such as `waypoint` or `outbox-relay` for system actors. */
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200).optional(),
});
export type TEventActor = z.infer<typeof ZEventActorSchema>;

/**
 * The envelope every event travels in, on both transports. `data` is validated per subject by
 * `parseEvent`/`createEvent`; here it is only carried.
 */
export const ZEventEnvelopeSchema = z.object({
  /** Also the JetStream `Nats-Msg-Id` (deduplication) and the outbox row id. */
  id: z.uuid(),
  subject: z.string().regex(WISSIL_SUBJECT_PATTERN, 'Expected a subject like wissil.<domain>.<action>'),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: ZEventActorSchema,
  /** Ties together the request and every event it caused (e.g. the HTTP request id). */
  correlationId: z.string().min(1).max(128),
  /** The workspace the event belongs to; `null` for platform-wide events (health, alerts, logins). */
  workspaceId: z.uuid().nullable(),
  data: z.unknown(),
});
/** The envelope with `data` not yet validated against its subject. */
export type TRawEventEnvelope = z.infer<typeof ZEventEnvelopeSchema>;
