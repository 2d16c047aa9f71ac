import { Prisma } from './generated/prisma/client';
import { DbConflictError, DbNotFoundError } from './db-errors';

/** Prisma's error codes this lib translates (https://www.prisma.io/docs/orm/reference/error-reference). */
const UNIQUE_VIOLATION = 'P2002';
const RECORD_NOT_FOUND = 'P2025';

function isKnownRequestError(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError;
}

/** The columns of a violated unique constraint, from either Prisma's or the driver adapter's error meta. */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = error.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } }
    | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  if (Array.isArray(fields)) return fields.map((field) => String(field).replace(/^"|"$/g, ''));
  return typeof fields === 'string' ? [fields] : [];
}

export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return isKnownRequestError(error) && error.code === UNIQUE_VIOLATION;
}

export function isRecordNotFound(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return isKnownRequestError(error) && error.code === RECORD_NOT_FOUND;
}

/**
 * Runs `write` and turns a unique violation into a {@link DbConflictError} with `message`, and a
 * missing record into a {@link DbNotFoundError}. Other errors pass through.
 */
export async function translateWriteErrors<T>(
  write: () => Promise<T>,
  messages: { conflict: string; notFound?: string },
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DbConflictError(messages.conflict, uniqueFields(error), { cause: error });
    if (messages.notFound && isRecordNotFound(error))
      throw new DbNotFoundError(messages.notFound, { cause: error });
    throw error;
  }
}
