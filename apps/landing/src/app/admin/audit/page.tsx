import type { TAuditResult } from '@lumenforge/db';
import { AUDIT_RESULTS } from '@lumenforge/db';
import { auth } from '../../../auth';
import { listAuditEntries } from '../../../lib/admin-data';
import { AUDIT_ACTION_SUGGESTIONS, ZAuditQuerySchema } from '../../../lib/admin-schemas';
import { AUDIT_FILTER_KEYS, auditPageUrl, auditReason } from '../../../lib/audit-page';
import type { TAuditEntryView, TAuditUserRef } from '../../../lib/admin-views';
import {
  Badge,
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  INPUT,
  LABEL,
  LINK,
  Notice,
  PageHeader,
  TABLE,
  TABLE_WRAPPER,
  TD,
  type TTone,
  TableHead,
} from '@lumenforge/ui/page-parts';
import { CursorPager, FilterDate, FilterSelect, Time } from '../../../lib/page-parts';
import { parseQuery, queryToObject } from '@lumenforge/runtime/server';
import { summarizeUserAgent } from '../../../lib/user-agent';

export const metadata = { title: 'Audit log · Administration · LumenForge' };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

// Stored as success | failure | denied; shown as what happened to the attempt.
const RESULT_STYLE: Record<TAuditResult, { tone: TTone; label: string }> = {
  success: { tone: 'success', label: 'Succeeded' },
  failure: { tone: 'danger', label: 'Failed' },
  denied: { tone: 'warning', label: 'Refused' },
};

// Below `sm` (phones) each row is a card of label/value lines instead of a table too wide to read.
const CELL = `${TD} max-sm:flex max-sm:gap-3 max-sm:border-0 max-sm:px-3 max-sm:py-1`;

/** The column's name before a value, on phones only (the table header says it on wider screens). */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="w-24 shrink-0 text-xs text-fg-muted sm:hidden">
      {children}
    </span>
  );
}

function UserRef({ user, filters }: { user: TAuditUserRef; filters: Record<string, string> }) {
  const filterValue = user.email ?? user.id;
  return (
    <a
      className="group block rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
      href={auditPageUrl(filters, { actor: filterValue })}
      title={`Only entries by ${filterValue}`}
    >
      {user.name ? <span className="block font-medium group-hover:underline">{user.name}</span> : null}
      <span className={user.email ? 'block text-xs text-fg-muted' : 'block font-mono text-xs text-fg-muted'}>
        {user.email ?? user.id}
      </span>
    </a>
  );
}

function Target({ entry }: { entry: TAuditEntryView }) {
  if (!entry.targetType && !entry.targetId) return <span className="text-fg-subtle">—</span>;
  const user = entry.targetUser;
  return (
    <span className="block">
      <span className="block text-xs text-fg-muted">{entry.targetType ?? 'target'}</span>
      {user?.email ? (
        <span className="block" title={user.id}>
          {user.name ? `${user.name} · ` : ''}
          {user.email}
        </span>
      ) : (
        <span className="block max-w-48 truncate font-mono text-xs" title={entry.targetId ?? undefined}>
          {entry.targetId}
        </span>
      )}
    </span>
  );
}

/** The audit log for `audit.read`: every change and every refused attempt, newest first, filterable. */
export default async function AdminAuditPage({ searchParams }: { searchParams: TSearchParams }) {
  await auth.requirePagePermission('audit.read');

  const params = await searchParams;
  const raw = queryToObject(params);
  const parsed = parseQuery(ZAuditQuerySchema, params);
  const page = parsed.success ? await listAuditEntries(parsed.data) : null;
  const now = new Date();
  const hasFilters = AUDIT_FILTER_KEYS.some((key) => key !== 'limit' && raw[key]);

  return (
    <div className="space-y-5">
      <PageHeader
        title="Audit log"
        description="Every change and every refused attempt in all six systems: who, what, from where, and the correlation id to find it in the logs. Newest first; times in UTC."
      />

      <form
        method="get"
        action={auditPageUrl({})}
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter the audit log"
        data-testid="audit-filters"
      >
        <div className="w-56">
          <label htmlFor="audit-action" className={LABEL}>
            Action
          </label>
          <input
            id="audit-action"
            name="action"
            type="text"
            list="audit-action-suggestions"
            defaultValue={raw['action'] ?? ''}
            placeholder="user.  or  auth.signin"
            aria-describedby="audit-action-hint"
            className={`${INPUT} mt-1 font-mono`}
            spellCheck={false}
            data-testid="audit-action-filter"
          />
          <datalist id="audit-action-suggestions">
            {AUDIT_ACTION_SUGGESTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </div>
        <FilterSelect
          id="audit-result"
          name="result"
          label="Result"
          value={raw['result']}
          anyLabel="Any result"
          options={AUDIT_RESULTS.map((result) => ({ value: result, label: RESULT_STYLE[result].label }))}
          className="w-32"
          testId="audit-result-filter"
        />
        <div className="w-64">
          <label htmlFor="audit-actor" className={LABEL}>
            Actor (email or user id)
          </label>
          <input
            id="audit-actor"
            name="actor"
            type="text"
            defaultValue={raw['actor'] ?? ''}
            placeholder="name@example.com"
            className={`${INPUT} mt-1`}
            spellCheck={false}
            data-testid="audit-actor-filter"
          />
        </div>
        <FilterDate id="audit-from" name="from" label="From (UTC)" value={raw['from']} />
        <FilterDate id="audit-to" name="to" label="To (UTC, inclusive)" value={raw['to']} />
        <button type="submit" className={BUTTON_PRIMARY} data-testid="audit-apply-filters">
          Apply
        </button>
        {hasFilters ? (
          <a className={BUTTON_SECONDARY} href={auditPageUrl({})}>
            Clear filters
          </a>
        ) : null}
        <p id="audit-action-hint" className="w-full text-xs text-fg-subtle">
          Action: an exact name (<code className="font-mono">user.role_changed</code>) or a prefix ending in{' '}
          <code className="font-mono">.</code> or <code className="font-mono">*</code> (
          <code className="font-mono">user.</code> matches every user action).
        </p>
      </form>

      {!parsed.success ? (
        <Notice tone="danger" testId="audit-filter-error">
          {parsed.message}.{' '}
          <a className={`${LINK} underline`} href={auditPageUrl({})}>
            Show the newest entries
          </a>
        </Notice>
      ) : null}

      {page?.actorUnknown ? (
        <Notice tone="info" testId="audit-actor-unknown">
          No user has the email {raw['actor']}, so no entries match.
        </Notice>
      ) : null}

      {page ? (
        <>
          <div className={TABLE_WRAPPER}>
            <table className={`${TABLE} max-sm:block max-sm:[&_thead]:sr-only`} data-testid="audit-table">
              <caption className="sr-only">Audit log entries, newest first</caption>
              <TableHead
                columns={['Time', 'Actor', 'Action', 'Target', 'Result', 'Client', 'Correlation id']}
              />
              <tbody className="max-sm:block">
                {page.entries.length === 0 ? (
                  <tr>
                    <td colSpan={7} className={`${TD} text-fg-muted`} data-testid="audit-empty">
                      No entries match these filters.
                    </td>
                  </tr>
                ) : null}
                {page.entries.map((entry) => {
                  const metadata = Object.entries(entry.metadata).filter(([key]) => key !== 'reason');
                  const reason = auditReason(entry);
                  return (
                    <tr
                      className="max-sm:block max-sm:border-b max-sm:border-border max-sm:py-2"
                      key={entry.id}
                      data-testid={`audit-row-${entry.id}`}
                      data-action={entry.action}
                      data-result={entry.result}
                    >
                      <td className={CELL}>
                        <CellLabel>Time</CellLabel>
                        <Time value={entry.occurredAt} now={now} />
                      </td>
                      <td className={CELL}>
                        <CellLabel>Actor</CellLabel>
                        {entry.actor ? (
                          <UserRef user={entry.actor} filters={raw} />
                        ) : (
                          <span className="text-fg-muted">Anonymous or system</span>
                        )}
                      </td>
                      <th scope="row" className={`${CELL} font-normal`}>
                        <CellLabel>Action</CellLabel>
                        <span className="min-w-0">
                          <code className="font-mono text-xs font-medium break-words">{entry.action}</code>
                          {metadata.length > 0 ? (
                            <details className="mt-1 text-xs">
                              <summary className="cursor-pointer text-fg-muted hover:text-fg">
                                Details
                              </summary>
                              <dl className="mt-1 grid max-w-sm grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5">
                                {metadata.map(([key, value]) => (
                                  <div key={key} className="contents">
                                    <dt className="text-fg-muted">{key}</dt>
                                    <dd className="font-mono break-all">
                                      {typeof value === 'string' ? value : JSON.stringify(value)}
                                    </dd>
                                  </div>
                                ))}
                              </dl>
                            </details>
                          ) : null}
                        </span>
                      </th>
                      <td className={CELL}>
                        <CellLabel>Target</CellLabel>
                        <Target entry={entry} />
                      </td>
                      <td className={CELL}>
                        <CellLabel>Result</CellLabel>
                        <span className="min-w-0">
                          <Badge tone={RESULT_STYLE[entry.result].tone} testId={`audit-result-${entry.id}`}>
                            {RESULT_STYLE[entry.result].label}
                          </Badge>
                          {reason ? (
                            <span
                              className="mt-1 block max-w-64 text-xs break-words text-fg-muted"
                              data-testid={`audit-reason-${entry.id}`}
                            >
                              {reason}
                            </span>
                          ) : null}
                        </span>
                      </td>
                      <td className={CELL} data-testid={`audit-client-${entry.id}`}>
                        <CellLabel>Client</CellLabel>
                        <span className="min-w-0">
                          <span className="block font-mono text-xs">{entry.ip ?? '—'}</span>
                          {entry.userAgent ? (
                            <span className="block text-xs text-fg-muted" title={entry.userAgent}>
                              {summarizeUserAgent(entry.userAgent)}
                            </span>
                          ) : null}
                        </span>
                      </td>
                      <td className={`${CELL} font-mono text-xs`}>
                        <CellLabel>Correlation id</CellLabel>
                        <span className="block max-w-40 truncate" title={entry.correlationId ?? undefined}>
                          {entry.correlationId ?? '—'}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <CursorPager
            summary={`${page.entries.length} ${page.entries.length === 1 ? 'entry' : 'entries'}${raw['cursor'] ? ', older than the previous page' : ''}`}
            firstHref={raw['cursor'] ? auditPageUrl(raw) : null}
            nextHref={page.nextCursor ? auditPageUrl(raw, { cursor: page.nextCursor }) : null}
            testIdPrefix="audit"
          />
        </>
      ) : null}
    </div>
  );
}
