import { ZEventEnvelopeSchema, type TEventActor } from './event-envelope.schema';
import { type TEventDataInput, type TEventEnvelope, type TRegisteredEventDefinition } from './event-registry';
import { InvalidEventError, toEventIssues } from './invalid-event.error';

export type TCreateEventInput<TDefinition extends TRegisteredEventDefinition> = {
  data: TEventDataInput<TDefinition['subject']>;
  actor: TEventActor;
  correlationId: string;
  /** `null` for platform-wide events. */
  workspaceId: string | null;
  /** Defaults to `crypto.randomUUID()`; pass the outbox row id when it already exists. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: string | Date;
};

/** Builds a validated envelope for a registered event; throws `InvalidEventError` on invalid input. */
export function createEvent<TDefinition extends TRegisteredEventDefinition>(
  definition: TDefinition,
  input: TCreateEventInput<TDefinition>,
): TEventEnvelope<TDefinition['subject']> {
  const { subject } = definition;
  const occurredAt = input.occurredAt ?? new Date();
  const envelope = ZEventEnvelopeSchema.safeParse({
    id: input.id ?? crypto.randomUUID(),
    subject,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    actor: input.actor,
    correlationId: input.correlationId,
    workspaceId: input.workspaceId,
    data: input.data,
  });
  if (!envelope.success) throw new InvalidEventError(subject, toEventIssues(envelope.error));
  const data = definition.schema.safeParse(input.data);
  if (!data.success) throw new InvalidEventError(subject, toEventIssues(data.error, ['data']));
  return { ...envelope.data, subject, data: data.data } as TEventEnvelope<TDefinition['subject']>;
}
