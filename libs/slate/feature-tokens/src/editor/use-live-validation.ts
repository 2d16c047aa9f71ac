'use client';
import { useEffect, useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import type { TDraftOperation, TIssue, TTokenDiff } from '../lib/types';
import { isTokenIssue } from './draft-model';

export type TValidationState =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'done'; issues: TIssue[]; diff: TTokenDiff | null; proposedSemver: string | null }
  | { status: 'failed'; message: string };

type TValidateAnswer = { issues: TIssue[]; diff?: TTokenDiff; proposedSemver?: string };

/**
 * Validates `operations` against the current draft (POST /api/tokens/validate, nothing saved),
 * `delayMs` after the last change; `null` operations (nothing to check) reset it.
 */
export function useLiveValidation(operations: TDraftOperation[] | null, delayMs = 250): TValidationState {
  const key = operations ? JSON.stringify(operations) : null;
  const [state, setState] = useState<TValidationState>({ status: 'idle' });

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'pending' });
    let cancelled = false;
    const timer = setTimeout(() => {
      void sendJson<TValidateAnswer>('/api/tokens/validate', {
        method: 'POST',
        body: { operations: JSON.parse(key) as unknown },
      }).then((result) => {
        if (cancelled) return;
        if (result.ok)
          setState({
            status: 'done',
            issues: Array.isArray(result.data.issues) ? result.data.issues : [],
            diff: result.data.diff ?? null,
            proposedSemver: result.data.proposedSemver ?? null,
          });
        else if (result.problem.status === 422)
          setState({
            status: 'done',
            issues: result.problem.issues.filter(isTokenIssue),
            diff: null,
            proposedSemver: null,
          });
        else setState({ status: 'failed', message: result.problem.message });
      });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return state;
}
