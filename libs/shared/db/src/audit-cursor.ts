/** Position in the audit list (newest first): the last row's time and id, as an opaque string. */
export type TAuditCursor = { occurredAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeAuditCursor(cursor: TAuditCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor from {@link encodeAuditCursor}; throws on anything else (a tampered or stale URL). */
export function decodeAuditCursor(value: string): TAuditCursor {
  const [time, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(time ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(occurredAt.getTime())) {
    throw new Error('Invalid audit log cursor');
  }
  return { occurredAt, id };
}
