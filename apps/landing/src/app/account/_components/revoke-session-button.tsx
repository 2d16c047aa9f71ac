'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { BUTTON_DANGER } from '@lumenforge/ui/page-parts';

export type RevokeSessionButtonProps = { sessionId: string; device: string };

/** "Sign out" for one of the user's other sessions: the device is signed out of all six apps at once. */
export function RevokeSessionButton({ sessionId, device }: RevokeSessionButtonProps) {
  const router = useRouter();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleClick() {
    setIsPending(true);
    setError(null);
    const result = await sendJson(`/api/account/sessions/${encodeURIComponent(sessionId)}`, {
      method: 'DELETE',
    });
    setIsPending(false);
    // 404: that session already ended (expired or signed out elsewhere); the refresh drops the row.
    if (!result.ok && result.problem.status !== 404) {
      setError(result.problem.message);
      return;
    }
    router.refresh();
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        className={BUTTON_DANGER}
        onClick={() => void handleClick()}
        disabled={isPending}
        aria-label={`Sign out ${device}`}
        data-testid={`revoke-session-${sessionId}`}
      >
        {isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {error ? (
        <p role="alert" className="max-w-56 text-right text-xs text-danger-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
