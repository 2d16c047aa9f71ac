'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useEventStream, type TStreamedEvent } from './use-event-stream';

export type TLiveSessionProps = {
  /** LANDING's sign-in page (`/signin?returnTo=…`); this page's URL becomes the return URL. */
  signInUrl: string;
};

/** How long the notice is read before the tab goes to sign-in. */
const REDIRECT_AFTER_MS = 2_500;

type TEnded = { kind: 'here' | 'everywhere' | 'revoked'; href: string };

function endedFrom(event: TStreamedEvent, signInUrl: string): TEnded {
  const data = event.envelope.data as { reason?: unknown; sessionId?: unknown };
  const kind = data.reason === 'revoked' ? 'revoked' : data.sessionId ? 'here' : 'everywhere';
  const target = new URL(signInUrl, window.location.href);
  target.searchParams.set('returnTo', window.location.href);
  target.searchParams.set('signedOut', kind === 'everywhere' ? 'everywhere' : '1');
  return { kind, href: target.href };
}

const MESSAGES: Record<TEnded['kind'], string> = {
  here: 'You signed out in another tab, so this page no longer shows your account.',
  everywhere: 'You signed out on every device, so this page no longer shows your account.',
  revoked: 'Your session was ended by an administrator.',
};

/**
 * Every signed-in page listens to the `session` topic of the live connection: when this session
 * ends elsewhere (sign-out in another tab or app, sign out everywhere, deactivation) the page says
 * so at once and goes to sign-in, instead of showing the user until the next reload. The tab that
 * submitted the sign-out itself is already on its way and ignores the signal.
 */
export function LiveSession({ signInUrl }: TLiveSessionProps) {
  const [ended, setEnded] = useState<TEnded | null>(null);
  const isSigningOutHere = useRef(false);

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (form instanceof HTMLFormElement && /\/api\/auth\/logout/.test(form.action))
        isSigningOutHere.current = true;
    };
    document.addEventListener('submit', onSubmit, true);
    return () => document.removeEventListener('submit', onSubmit, true);
  }, []);

  const onEvent = useCallback(
    (event: TStreamedEvent) => {
      if (!isSigningOutHere.current) setEnded(endedFrom(event, signInUrl));
    },
    [signInUrl],
  );
  useEventStream('session', ['wissil.user.logout'], onEvent);

  useEffect(() => {
    if (!ended) return;
    const timer = setTimeout(() => window.location.assign(ended.href), REDIRECT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ended]);

  if (!ended) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="live-session-title"
        aria-describedby="live-session-message"
        className="w-full max-w-sm rounded-xl border border-border bg-surface p-6 shadow-lg"
        data-testid="session-ended"
      >
        <h2 id="live-session-title" className="text-lg font-semibold">
          {ended.kind === 'revoked' ? 'You were signed out' : 'You signed out'}
        </h2>
        <p id="live-session-message" className="mt-2 text-sm text-fg-muted">
          {MESSAGES[ended.kind]}
        </p>
        <a
          href={ended.href}
          className="mt-4 inline-flex rounded-lg bg-accent-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
        >
          Sign in again
        </a>
      </div>
    </div>
  );
}
