import { describe, expect, it } from 'vitest';
import { auditPageUrl, auditReason } from './audit-page';

describe('auditPageUrl', () => {
  it('keeps the known filters in a fixed order and drops the rest, the cursor included', () => {
    expect(auditPageUrl({ to: '2026-12-07', action: 'user.', cursor: 'abc', foo: 'bar' })).toBe(
      '/admin/audit?action=user.&to=2026-12-07',
    );
    expect(auditPageUrl({})).toBe('/admin/audit');
  });
  it('applies changes: a new value, an empty one removes the filter, a cursor for the next page', () => {
    const filters = { action: 'auth.signin', result: 'denied' };
    expect(auditPageUrl(filters, { actor: 'ada@example.test' })).toBe(
      '/admin/audit?action=auth.signin&result=denied&actor=ada%40example.test',
    );
    expect(auditPageUrl(filters, { result: '' })).toBe('/admin/audit?action=auth.signin');
    expect(auditPageUrl(filters, { cursor: 'next' })).toBe(
      '/admin/audit?action=auth.signin&result=denied&cursor=next',
    );
  });
});

describe('auditReason', () => {
  it('gives the reason of a refusal or failure', () => {
    expect(auditReason({ result: 'denied', metadata: { reason: 'expired: no state cookie' } })).toBe(
      'expired: no state cookie',
    );
    expect(auditReason({ result: 'failure', metadata: { reason: 'The request body is invalid' } })).toBe(
      'The request body is invalid',
    );
  });
  it('gives none for a success, a missing or a non-text reason', () => {
    expect(auditReason({ result: 'success', metadata: { reason: 'ignored' } })).toBeNull();
    expect(auditReason({ result: 'denied', metadata: {} })).toBeNull();
    expect(auditReason({ result: 'failure', metadata: { reason: { nested: true } } })).toBeNull();
  });
});
