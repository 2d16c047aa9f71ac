import { InvalidRequestError } from './api-route';
import type { z } from 'zod';
import { parseQuery } from './query-params';

/**
 * A route handler's query parameters parsed with `schema`; throws `InvalidRequestError` (400) whose
 * message names every bad parameter and whose `issues` list them one by one.
 */
export function readQuery<TSchema extends z.ZodType>(request: Request, schema: TSchema): z.output<TSchema> {
  const parsed = parseQuery(schema, new URL(request.url).searchParams);
  if (!parsed.success) throw new InvalidRequestError(parsed.message, parsed.issues);
  return parsed.data;
}

/** A route path parameter parsed with `schema`; throws `InvalidRequestError` (400) naming it. */
export function readPathParam<TSchema extends z.ZodType>(
  name: string,
  value: string | undefined,
  schema: TSchema,
): z.output<TSchema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is invalid';
    throw new InvalidRequestError(`Invalid path parameter: ${name} (${message})`, [{ path: name, message }]);
  }
  return parsed.data;
}
