import { ZEventEnvelopeSchema } from './event-envelope.schema';
import { getEventDefinition, type TEventEnvelope } from './event-registry';
import { InvalidEventError, toEventIssues } from './invalid-event.error';

export type TParseEventResult =
  | { success: true; event: TEventEnvelope }
  | { success: false; error: InvalidEventError };

/**
 * Validates an incoming event (e.g. a decoded NATS message or an outbox row): first the envelope,
 * then `data` against the schema registered for its subject. Unknown subjects are rejected.
 */
export function parseEvent(input: unknown): TParseEventResult {
  const envelope = ZEventEnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    return {
      success: false,
      error: new InvalidEventError(readSubject(input), toEventIssues(envelope.error)),
    };
  }
  const { subject } = envelope.data;
  const definition = getEventDefinition(subject);
  if (definition === undefined) {
    return {
      success: false,
      error: new InvalidEventError(subject, [
        { path: 'subject', message: `Unknown event subject ${subject}` },
      ]),
    };
  }
  const data = definition.schema.safeParse(envelope.data.data);
  if (!data.success) {
    return { success: false, error: new InvalidEventError(subject, toEventIssues(data.error, ['data'])) };
  }
  return { success: true, event: { ...envelope.data, data: data.data } as TEventEnvelope };
}

function readSubject(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('subject' in input)) return undefined;
  return typeof input.subject === 'string' ? input.subject.slice(0, 200) : undefined;
}
