'use client';
import type { TRole } from '@lumenforge/auth';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { TAdminUserView } from '../../../../lib/admin-views';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { stepUpSignInUrl } from '../../../../lib/step-up';
import {
  Badge,
  BUTTON_DANGER,
  BUTTON_DANGER_SOLID,
  BUTTON_SECONDARY,
  INPUT,
  LINK,
  Notice,
  TABLE,
  TABLE_WRAPPER,
  TD,
  TableHead,
} from '@lumenforge/ui/page-parts';
import { Time } from '../../../../lib/page-parts';

export type UsersTableProps = {
  users: readonly TAdminUserView[];
  roles: readonly TRole[];
  /** The server's clock when the page was rendered (relative times match the server's HTML). */
  now: string;
};

type TOutcome =
  | { kind: 'success'; message: string }
  | { kind: 'mfa_required' }
  | { kind: 'error'; message: string };

type TUpdate = { role?: TRole; active?: boolean };

/**
 * The admin users table with its controls: change role (select + Save) and deactivate (confirmed)
 * or reactivate. The admin's own row is read-only (the API refuses self-lockout too). A refusal for
 * a stale MFA sign-in offers the step-up sign-in that comes back here.
 */
export function UsersTable({ users, roles, now }: UsersTableProps) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [stepUpUrl, setStepUpUrl] = useState('/api/auth/login?stepUp=1');
  const renderedAt = new Date(now);

  async function update(user: TAdminUserView, change: TUpdate, success: string): Promise<boolean> {
    setOutcome(null);
    const result = await sendJson(`/api/admin/users/${encodeURIComponent(user.id)}`, {
      method: 'PATCH',
      body: change,
    });
    if (result.ok) {
      setOutcome({ kind: 'success', message: success });
      router.refresh();
      return true;
    }
    setOutcome(describeProblem(user, result.problem));
    // The page as it is now (filters, cursor), so the step-up sign-in brings the admin back to it.
    if (result.problem.error === 'mfa_required') setStepUpUrl(stepUpSignInUrl(window.location.href));
    return false;
  }

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {outcome?.kind === 'mfa_required' ? (
          <Notice tone="warning" testId="mfa-required">
            <p className="font-medium">This change needs a fresh sign-in with your second factor.</p>
            <p className="mt-1">
              Role changes and deactivations need a recent sign-in that used MFA.{' '}
              <a className={`${LINK} underline`} href={stepUpUrl} data-testid="step-up-link">
                Sign in again with your second factor
              </a>{' '}
              and you will come back to this page.
            </p>
          </Notice>
        ) : null}
        {outcome?.kind === 'error' ? (
          <Notice tone="danger" testId="users-error">
            {outcome.message}
          </Notice>
        ) : null}
        {outcome?.kind === 'success' ? (
          <Notice tone="success" testId="users-success">
            {outcome.message}
          </Notice>
        ) : null}
      </div>

      <div className={TABLE_WRAPPER}>
        <table className={TABLE} data-testid="users-table">
          <caption className="sr-only">Users of this workspace</caption>
          <TableHead
            columns={[
              'User',
              'Role',
              'Status',
              'Last sign-in',
              { label: 'Actions', isHidden: true, align: 'right' },
            ]}
          />
          <tbody>
            {users.length === 0 ? (
              <tr>
                <td colSpan={5} className={`${TD} text-fg-muted`} data-testid="users-empty">
                  No users match these filters.
                </td>
              </tr>
            ) : null}
            {users.map((user) => (
              <UserRow key={user.id} user={user} roles={roles} renderedAt={renderedAt} onUpdate={update} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function describeProblem(user: TAdminUserView, problem: TApiProblem): TOutcome {
  if (problem.error === 'mfa_required') return { kind: 'mfa_required' };
  if (problem.status === 404)
    return { kind: 'error', message: `${user.email} no longer exists. Reload the page.` };
  return { kind: 'error', message: `Could not change ${user.email}: ${problem.message}` };
}

type UserRowProps = {
  user: TAdminUserView;
  roles: readonly TRole[];
  renderedAt: Date;
  onUpdate: (user: TAdminUserView, change: TUpdate, success: string) => Promise<boolean>;
};

function UserRow({ user, roles, renderedAt, onUpdate }: UserRowProps) {
  const id = useId();
  const deactivateRef = useRef<HTMLButtonElement>(null);
  const [role, setRole] = useState<TRole | ''>(user.role ?? '');
  const [isPending, setIsPending] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const isActive = user.status === 'active';
  const selfNote = user.isSelf ? `${id}-self` : undefined;

  async function run(change: TUpdate, success: string) {
    setIsPending(true);
    const isDone = await onUpdate(user, change, success);
    setIsPending(false);
    if (isDone) setIsConfirming(false);
  }

  function handleCancel() {
    setIsConfirming(false);
    requestAnimationFrame(() => deactivateRef.current?.focus());
  }

  return (
    <tr
      data-testid={`user-row-${user.email}`}
      data-status={user.status}
      className={isActive ? undefined : 'text-fg-muted'}
    >
      <th scope="row" className={`${TD} font-normal`}>
        <span className="flex items-center gap-2">
          <span className="font-medium text-fg">{user.name}</span>
          {user.isSelf ? <Badge tone="accent">You</Badge> : null}
        </span>
        <span className="block text-xs text-fg-muted">{user.email}</span>
        {user.isSelf ? (
          <span id={selfNote} className="block text-xs text-fg-subtle">
            Another admin must change your role or deactivate you.
          </span>
        ) : null}
      </th>
      <td className={TD}>
        <form
          className="flex items-center gap-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            if (role && role !== user.role) void run({ role }, `${user.email} is now ${role}.`);
          }}
        >
          <label htmlFor={`${id}-role`} className="sr-only">
            Role of {user.email}
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as TRole)}
            disabled={user.isSelf || isPending}
            aria-describedby={selfNote}
            className={`${INPUT} w-32`}
            data-testid={`role-select-${user.email}`}
          >
            {user.role === null ? (
              <option value="" disabled>
                No role
              </option>
            ) : null}
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className={BUTTON_SECONDARY}
            disabled={user.isSelf || isPending || !role || role === user.role}
            aria-label={`Save role of ${user.email}`}
            data-testid={`role-save-${user.email}`}
          >
            Save
          </button>
        </form>
      </td>
      <td className={TD}>
        <Badge tone={isActive ? 'success' : 'neutral'} testId={`user-status-${user.email}`}>
          {isActive ? 'Active' : 'Deactivated'}
        </Badge>
      </td>
      <td className={TD}>
        <Time value={user.lastLoginAt} now={renderedAt} />
      </td>
      <td className={`${TD} text-right`}>
        {!isActive ? (
          <button
            type="button"
            className={BUTTON_SECONDARY}
            onClick={() => void run({ active: true }, `${user.email} is active again and can sign in.`)}
            disabled={user.isSelf || isPending}
            aria-label={`Reactivate ${user.email}`}
            data-testid={`reactivate-${user.email}`}
          >
            Reactivate
          </button>
        ) : isConfirming ? (
          <div
            className="flex flex-col items-end gap-1.5"
            role="group"
            aria-label={`Confirm deactivating ${user.email}`}
          >
            <p className="max-w-64 text-right text-xs text-fg-muted">
              Deactivate <strong className="text-fg">{user.email}</strong>? They are signed out everywhere and
              their API tokens are revoked.
            </p>
            <div className="flex gap-1.5">
              <button type="button" className={BUTTON_SECONDARY} onClick={handleCancel} disabled={isPending}>
                Cancel
              </button>
              <button
                type="button"
                className={BUTTON_DANGER_SOLID}
                onClick={() =>
                  void run(
                    { active: false },
                    `${user.email} is deactivated: signed out everywhere, API tokens revoked.`,
                  )
                }
                disabled={isPending}
                autoFocus
                data-testid={`confirm-deactivate-${user.email}`}
              >
                {isPending ? 'Deactivating…' : 'Deactivate'}
              </button>
            </div>
          </div>
        ) : (
          <button
            ref={deactivateRef}
            type="button"
            className={BUTTON_DANGER}
            onClick={() => setIsConfirming(true)}
            disabled={user.isSelf || isPending}
            aria-label={`Deactivate ${user.email}`}
            aria-describedby={selfNote}
            data-testid={`deactivate-${user.email}`}
          >
            Deactivate
          </button>
        )}
      </td>
    </tr>
  );
}
