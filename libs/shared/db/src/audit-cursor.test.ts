import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

describe('audit cursor', () => {
  it('round-trips time and id', () => {
    const cursor = {
      occurredAt: new Date('2026-11-23T10:11:12.345Z'),
      id: '3f1b8f5e-8a59-4a47-9a0a-6c2b8f0d9e21',
    };
    const encoded = encodeAuditCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(encoded)).toEqual(cursor);
  });

  it('rejects values it did not produce', () => {
    expect(() => decodeAuditCursor('nonsense')).toThrow('Invalid audit log cursor');
    expect(() =>
      decodeAuditCursor(Buffer.from('2026-11-23T00:00:00Z|not-a-uuid').toString('base64url')),
    ).toThrow();
    expect(() =>
      decodeAuditCursor(Buffer.from('yesterday|3f1b8f5e-8a59-4a47-9a0a-6c2b8f0d9e21').toString('base64url')),
    ).toThrow();
  });
});
