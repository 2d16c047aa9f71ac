'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { BUTTON_DANGER, BUTTON_DANGER_SOLID, BUTTON_SECONDARY } from '@lumenforge/ui/page-parts';

export type RevokeTokenButtonProps = { tokenId: string; name: string };

/** Revoke with an inline confirmation (no browser dialog): scripts using the token stop working at once. */
export function RevokeTokenButton({ tokenId, name }: RevokeTokenButtonProps) {
  const router = useRouter();
  const revokeRef = useRef<HTMLButtonElement>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function handleCancel() {
    setIsConfirming(false);
    // Back to the button that opened the confirmation, so keyboard users keep their place.
    requestAnimationFrame(() => revokeRef.current?.focus());
  }

  async function handleConfirm() {
    setIsPending(true);
    setError(null);
    const result = await sendJson(`/api/account/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' });
    setIsPending(false);
    if (!result.ok) {
      setError(result.problem.message);
      return;
    }
    setIsConfirming(false);
    router.refresh();
  }

  if (!isConfirming)
    return (
      <button
        ref={revokeRef}
        type="button"
        className={BUTTON_DANGER}
        onClick={() => setIsConfirming(true)}
        aria-label={`Revoke API token ${name}`}
        data-testid={`revoke-token-${tokenId}`}
      >
        Revoke
      </button>
    );

  return (
    <div className="flex flex-col items-end gap-1.5" role="group" aria-label={`Confirm revoking ${name}`}>
      <p className="max-w-64 text-right text-xs text-fg-muted">
        Revoke <strong className="text-fg">{name}</strong>? Anything using it stops working. This cannot be
        undone.
      </p>
      <div className="flex gap-1.5">
        <button type="button" className={BUTTON_SECONDARY} onClick={handleCancel} disabled={isPending}>
          Cancel
        </button>
        <button
          type="button"
          className={BUTTON_DANGER_SOLID}
          onClick={() => void handleConfirm()}
          disabled={isPending}
          autoFocus
          data-testid={`confirm-revoke-token-${tokenId}`}
        >
          {isPending ? 'Revoking…' : 'Revoke token'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="max-w-64 text-right text-xs text-danger-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
