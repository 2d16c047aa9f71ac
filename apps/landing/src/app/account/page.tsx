import { hasFreshMfa, PERMISSION_LABELS, STEP_UP_PERMISSIONS } from '@lumenforge/auth';
import { createRepositories } from '@lumenforge/db/server';
import { auth } from '../../auth';
import {
  sortSessionViews,
  toApiTokenView,
  toSessionView,
  type TApiTokenStatus,
} from '../../lib/account-schemas';
import { formatDateTime } from '@lumenforge/ui/format';
import {
  Badge,
  BUTTON_DANGER,
  LINK,
  PageHeader,
  Section,
  TABLE,
  TABLE_WRAPPER,
  TD,
  type TTone,
  TableHead,
} from '@lumenforge/ui/page-parts';
import { Time } from '../../lib/page-parts';
import { getRuntime } from '../../runtime';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeSessionButton } from './_components/revoke-session-button';
import { RevokeTokenButton } from './_components/revoke-token-button';

export const metadata = { title: 'Account · LumenForge' };

const TOKEN_STATUS: Record<TApiTokenStatus, { tone: TTone; label: string }> = {
  active: { tone: 'success', label: 'Active' },
  expired: { tone: 'neutral', label: 'Expired' },
  revoked: { tone: 'danger', label: 'Revoked' },
};

/** Who you are, where you are signed in, your API tokens, and the way to sign out everywhere. */
export default async function AccountPage() {
  const principal = await auth.requirePagePrincipal();
  const runtime = getRuntime();
  const now = new Date();
  const [sessionRecords, tokenRecords] = await Promise.all([
    runtime.auth.sessions.listActiveForUser(principal.userId, now),
    createRepositories(runtime.db).apiTokens.listForUser(principal.userId, {
      workspaceId: principal.workspaceId,
    }),
  ]);
  const sessions = sortSessionViews(
    sessionRecords.map((session) => toSessionView(session, principal.sessionId)),
  );
  const tokens = tokenRecords.map((token) => toApiTokenView(token, now));
  const permissions = principal.permissions;
  const stepUpPermissions = permissions.filter((permission) => STEP_UP_PERMISSIONS.has(permission));
  const isStepUpFresh = hasFreshMfa(principal, {
    stepUpMaxAgeSeconds: runtime.auth.stepUpMaxAgeSeconds,
    now,
  });
  const stepUpUntil =
    isStepUpFresh && principal.authTime
      ? new Date(principal.authTime.getTime() + runtime.auth.stepUpMaxAgeSeconds * 1000)
      : null;
  const canManageUsers = permissions.includes('users.manage');
  const canReadAudit = permissions.includes('audit.read');

  return (
    <div className="space-y-10">
      <PageHeader
        title="Your account"
        description="Your profile and role, the devices you are signed in on, and the API tokens you use in scripts and CI."
        actions={
          canManageUsers || canReadAudit ? (
            <nav aria-label="Administration" className="flex gap-4 text-sm">
              {canManageUsers ? (
                <a className={LINK} href="/admin/users">
                  Users
                </a>
              ) : null}
              {canReadAudit ? (
                <a className={LINK} href="/admin/audit">
                  Audit log
                </a>
              ) : null}
            </nav>
          ) : null
        }
      />

      <Section
        id="profile"
        title="Profile"
        description="From your organisation’s identity provider; change your name and email there."
      >
        <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
          <dl
            className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-4 gap-y-2 rounded-lg border border-border bg-surface p-4 text-sm"
            data-testid="profile"
          >
            <dt className="text-fg-muted">Name</dt>
            <dd className="truncate font-medium" data-testid="profile-name">
              {principal.name}
            </dd>
            <dt className="text-fg-muted">Email</dt>
            <dd className="truncate" data-testid="profile-email">
              {principal.email}
            </dd>
            <dt className="text-fg-muted">Role</dt>
            <dd>
              <Badge tone="accent" testId="profile-role">
                {principal.role}
              </Badge>
            </dd>
            <dt className="text-fg-muted">This sign-in</dt>
            <dd data-testid="profile-mfa">
              {principal.mfa ? (
                <Badge tone="success">With a second factor</Badge>
              ) : (
                <Badge tone="warning">Without a second factor</Badge>
              )}
              {principal.authTime ? (
                <span className="mt-1 block text-xs text-fg-muted">
                  Authenticated {formatDateTime(principal.authTime)}
                </span>
              ) : null}
            </dd>
            {stepUpPermissions.length > 0 ? (
              <>
                <dt className="text-fg-muted">Step-up</dt>
                <dd className="text-xs text-fg-muted" data-testid="profile-step-up">
                  {stepUpUntil
                    ? `Fresh enough for ${stepUpPermissions.join(' and ')} until ${formatDateTime(stepUpUntil)}.`
                    : `${stepUpPermissions.join(' and ')} will ask you to sign in again with your second factor.`}
                </dd>
              </>
            ) : null}
          </dl>
          <div className="rounded-lg border border-border bg-surface p-4">
            <h3 className="text-sm font-semibold">What your role can do</h3>
            <ul
              className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2"
              data-testid="profile-permissions"
            >
              {permissions.map((permission) => (
                <li
                  key={permission}
                  className="flex items-baseline justify-between gap-3 border-b border-border py-1 last:border-b-0"
                >
                  <span>{PERMISSION_LABELS[permission]}</span>
                  <code className="shrink-0 font-mono text-xs text-fg-subtle">{permission}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </Section>

      <Section
        id="sessions"
        title="Where you’re signed in"
        description="Each sign-in is one session, shared by all six systems. Signing a device out ends it everywhere at once."
      >
        <div className={TABLE_WRAPPER}>
          <table className={TABLE} data-testid="sessions-table">
            <caption className="sr-only">Your live sessions</caption>
            <TableHead
              columns={[
                'Device',
                'IP address',
                'Signed in',
                'Last active',
                'Second factor',
                { label: 'Actions', isHidden: true, align: 'right' },
              ]}
            />
            <tbody>
              {sessions.length === 0 ? (
                <tr>
                  <td colSpan={6} className={`${TD} text-fg-muted`}>
                    No live sessions.
                  </td>
                </tr>
              ) : null}
              {sessions.map((session) => (
                <tr
                  key={session.id}
                  className={session.isCurrent ? 'bg-accent-surface/40' : undefined}
                  data-testid={`session-row-${session.id}`}
                  data-current={session.isCurrent ? 'true' : undefined}
                >
                  <th scope="row" className={`${TD} font-normal`}>
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium" title={session.userAgent ?? undefined}>
                        {session.device}
                      </span>
                      {session.isCurrent ? (
                        <Badge tone="accent" testId="current-session">
                          This browser
                        </Badge>
                      ) : null}
                    </span>
                  </th>
                  <td className={`${TD} font-mono text-xs`}>{session.ip ?? '—'}</td>
                  <td className={TD}>
                    <Time value={session.createdAt} now={now} />
                  </td>
                  <td className={TD}>
                    <Time value={session.lastSeenAt} now={now} />
                  </td>
                  <td className={TD}>
                    {session.mfa ? <Badge tone="success">Yes</Badge> : <Badge tone="warning">No</Badge>}
                  </td>
                  <td className={`${TD} text-right`}>
                    {session.isCurrent ? (
                      <span className="text-xs text-fg-subtle">Use Sign out in the menu</span>
                    ) : (
                      <RevokeSessionButton sessionId={session.id} device={session.device} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section
        id="tokens"
        title="API tokens"
        description="Personal tokens act as you, limited to their scopes. They stop working when they expire, when you revoke them, or when your account is deactivated."
      >
        <div className="space-y-4">
          <CreateTokenForm
            scopeOptions={permissions.map((permission) => ({
              value: permission,
              label: PERMISSION_LABELS[permission],
            }))}
          />
          <div className={TABLE_WRAPPER}>
            <table className={TABLE} data-testid="tokens-table">
              <caption className="sr-only">Your API tokens</caption>
              <TableHead
                columns={[
                  'Name',
                  'Token',
                  'Scopes',
                  'Created',
                  'Expires',
                  'Last used',
                  'Status',
                  { label: 'Actions', isHidden: true, align: 'right' },
                ]}
              />
              <tbody>
                {tokens.length === 0 ? (
                  <tr>
                    <td colSpan={8} className={`${TD} text-fg-muted`} data-testid="tokens-empty">
                      You have no API tokens yet.
                    </td>
                  </tr>
                ) : null}
                {tokens.map((token) => (
                  <tr
                    key={token.id}
                    className={token.status === 'active' ? undefined : 'text-fg-muted'}
                    data-testid={`token-row-${token.id}`}
                    data-status={token.status}
                  >
                    <th scope="row" className={`${TD} font-medium`}>
                      {token.name}
                    </th>
                    <td className={`${TD} font-mono text-xs whitespace-nowrap`}>{token.displayPrefix}</td>
                    <td className={`${TD} max-w-72`}>
                      <ul className="flex flex-wrap gap-1" aria-label={`Scopes of ${token.name}`}>
                        {token.scopes.map((scope) => (
                          <li key={scope}>
                            <code className="rounded border border-border bg-surface-sunken px-1 py-0.5 font-mono text-xs">
                              {scope}
                            </code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className={TD}>
                      <Time value={token.createdAt} now={now} compact />
                    </td>
                    <td className={TD}>
                      <Time value={token.expiresAt} now={now} compact />
                    </td>
                    <td className={TD}>
                      <Time value={token.lastUsedAt} now={now} compact />
                    </td>
                    <td className={TD}>
                      <Badge tone={TOKEN_STATUS[token.status].tone} testId={`token-status-${token.id}`}>
                        {TOKEN_STATUS[token.status].label}
                      </Badge>
                    </td>
                    <td className={`${TD} text-right`}>
                      {token.status === 'active' ? (
                        <RevokeTokenButton tokenId={token.id} name={token.name} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </Section>

      <Section
        id="sign-out-everywhere"
        title="Sign out everywhere"
        description="Ends every session of yours, this one included, on every device and in all six systems. API tokens keep working: revoke them above."
      >
        <form method="post" action="/api/auth/logout-everywhere">
          <button type="submit" className={BUTTON_DANGER} data-testid="sign-out-everywhere">
            Sign out everywhere
          </button>
        </form>
      </Section>
    </div>
  );
}
