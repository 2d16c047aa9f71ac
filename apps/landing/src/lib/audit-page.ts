import type { TAuditEntryView } from './admin-views';

// What `/admin/audit` derives from its query and rows (pure: no I/O).

const AUDIT_PAGE_PATH = '/admin/audit';

/** The filters `/admin/audit` keeps in its URL, in the order they are written. */
export const AUDIT_FILTER_KEYS = ['action', 'result', 'actor', 'from', 'to', 'limit'] as const;

/**
 * `/admin/audit` with the current filters and `changes` applied: an empty value removes a filter,
 * unknown keys are dropped, and a page cursor is kept only when `changes` gives one (a new filter
 * starts from the newest entries).
 */
export function auditPageUrl(filters: Record<string, string>, changes: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = key in changes ? changes[key] : filters[key];
    if (value) params.set(key, value);
  }
  if (changes['cursor']) params.set('cursor', changes['cursor']);
  const query = params.toString();
  return query ? `${AUDIT_PAGE_PATH}?${query}` : AUDIT_PAGE_PATH;
}

/** Why an attempt was refused or failed (`metadata.reason`), when the entry says; null for successes. */
export function auditReason(entry: Pick<TAuditEntryView, 'result' | 'metadata'>): string | null {
  const reason = entry.metadata['reason'];
  return entry.result !== 'success' && typeof reason === 'string' && reason ? reason : null;
}
