import { type z } from 'zod';

/** A subject under `wissil.`: dot-separated, non-empty tokens, no wildcards. */
export type TWissilSubject = `wissil.${string}`;

/** One subject's contract: what it means, the zod schema of its `data`, and a sample payload. */
export type TEventDefinition<
  TSubject extends TWissilSubject = TWissilSubject,
  TSchema extends z.ZodType = z.ZodType,
> = Readonly<{
  subject: TSubject;
  description: string;
  schema: TSchema;
  /** A realistic payload; tests parse every sample inside a full envelope. */
  sample: Readonly<z.input<TSchema>>;
}>;

/**
 * Declares one event subject. The definition is frozen; register it in `event-registry.ts`.
 *
 * @example
 * export const COMPONENT_CREATED = defineEvent({
 *   subject: 'wissil.component.created',
 *   description: 'A component was saved for the first time',
 *   schema: z.object({ componentId: z.uuid(), name: z.string(), version: z.int() }),
 *   sample: { componentId: '…', name: 'Button', version: 1 },
 * });
 */
export function defineEvent<const TSubject extends TWissilSubject, TSchema extends z.ZodType>(definition: {
  subject: TSubject;
  description: string;
  schema: TSchema;
  sample: z.input<TSchema>;
}): TEventDefinition<TSubject, TSchema> {
  return Object.freeze({
    subject: definition.subject,
    description: definition.description,
    schema: definition.schema,
    sample: deepFreeze(definition.sample),
  });
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}
