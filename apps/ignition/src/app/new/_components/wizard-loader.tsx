'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_SECONDARY, LINK, Notice } from '@lumenforge/ui/page-parts';
import { useEffect, useState } from 'react';
import type { TTemplateDetail } from '../../_lib/ignition-api';
import { ProjectWizard } from './project-wizard';

/** Loads the template (its newest version) in the browser, then shows the wizard for it. */
export function WizardLoader({ templateKey, signInUrl }: { templateKey: string; signInUrl: string }) {
  const [template, setTemplate] = useState<TTemplateDetail | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    void sendJson<{ template: TTemplateDetail }>(`/api/templates/${encodeURIComponent(templateKey)}`, {
      method: 'GET',
    }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) {
        setTemplate(result.data.template);
        setProblem(null);
      } else setProblem(result.problem);
    });
    return () => {
      isCurrent = false;
    };
  }, [templateKey, attempt]);

  if (problem)
    return (
      <Notice tone="danger" testId="template-load-problem">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span>{problem.status === 404 ? `There is no template “${templateKey}”.` : problem.message}</span>
          {problem.status === 401 ? (
            <a className={LINK} href={signInUrl}>
              Sign in again
            </a>
          ) : problem.status === 404 ? (
            <a className={LINK} href="/templates">
              Choose a template
            </a>
          ) : (
            <button type="button" className={BUTTON_SECONDARY} onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          )}
        </div>
      </Notice>
    );
  if (!template)
    return (
      <p className="text-sm text-fg-muted" role="status">
        Loading the template…
      </p>
    );
  return <ProjectWizard template={template} signInUrl={signInUrl} />;
}
