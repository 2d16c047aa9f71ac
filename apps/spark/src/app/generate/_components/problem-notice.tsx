'use client';
import { fieldIssue, type TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_SECONDARY, LINK, Notice } from '@lumenforge/ui/page-parts';

/**
 * The problem with the message of its issue on `field` when it has one: the API answers a bad
 * prompt with "The request body is invalid" and says what is wrong in the `prompt` issue.
 */
export function problemAbout(problem: TApiProblem, field: string): TApiProblem {
  const message = fieldIssue(problem, field);
  return message ? { ...problem, message } : problem;
}

/** Statuses worth trying again as they are: the network, an outage, the rate limit. */
const RETRYABLE = new Set([0, 429, 502, 503, 504]);

/**
 * A refused or failed call as the page shows it: the server's message; a way back in when the
 * session ended (401, e.g. signed out in another tab); a retry when SPARK or a service is away.
 */
export function ProblemNotice({
  problem,
  signInUrl,
  onRetry,
  testId,
}: {
  problem: TApiProblem;
  signInUrl: string;
  onRetry?: () => void;
  testId?: string;
}) {
  return (
    <Notice tone="danger" testId={testId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>{problem.message}</span>
        {problem.status === 401 ? (
          <a className={LINK} href={signInUrl}>
            Sign in again
          </a>
        ) : onRetry && RETRYABLE.has(problem.status) ? (
          <button type="button" className={BUTTON_SECONDARY} onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </Notice>
  );
}
