'use client';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, Notice } from '@lumenforge/ui/page-parts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** The refusal in words, with the checker's first problems (file:line:column) when it gave them. */
function ProblemNotice({ problem }: { problem: TApiProblem }) {
  return (
    <Notice tone="danger" className="mt-2">
      <p>{problem.message}</p>
      {problem.issues.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 font-mono text-xs">
          {problem.issues.slice(0, 5).map((issue) => (
            <li key={`${issue.path}-${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

/**
 * Restore and publish for one version: each posts to SPARK's API and, once saved, shows the
 * component again (a restore opens the new version). The server is the authority: a refusal (a
 * version saved meanwhile, code that no longer passes today's tokens, no permission) is shown here.
 */
export function VersionActions({
  componentId,
  version,
  latestVersion,
  publishedVersion,
}: {
  componentId: string;
  version: number;
  latestVersion: number;
  publishedVersion: number | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<'restore' | 'publish' | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  async function handleRestore() {
    setPending('restore');
    setProblem(null);
    const result = await sendJson<{ version: { number: number } }>(
      `/api/components/${componentId}/versions/${version}/restore`,
      { method: 'POST', body: { baseVersion: latestVersion } },
    );
    setPending(null);
    if (!result.ok) return setProblem(result.problem);
    router.push(`/components/${componentId}?version=${result.data.version.number}`);
    router.refresh();
  }

  async function handlePublish() {
    setPending('publish');
    setProblem(null);
    const result = await sendJson(`/api/components/${componentId}/publish`, {
      method: 'POST',
      body: { version },
    });
    setPending(null);
    if (!result.ok) return setProblem(result.problem);
    router.refresh();
  }

  const isPublished = publishedVersion === version;
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {version !== latestVersion ? (
          <button
            type="button"
            className={BUTTON_SECONDARY}
            disabled={pending !== null}
            onClick={() => void handleRestore()}
          >
            {pending === 'restore' ? 'Restoring…' : `Restore v${version}`}
          </button>
        ) : null}
        <button
          type="button"
          className={isPublished ? BUTTON_SECONDARY : BUTTON_PRIMARY}
          disabled={pending !== null || isPublished}
          onClick={() => void handlePublish()}
        >
          {isPublished
            ? `v${version} is published`
            : pending === 'publish'
              ? 'Publishing…'
              : `Publish v${version}`}
        </button>
      </div>
      {problem ? <ProblemNotice problem={problem} /> : null}
    </div>
  );
}
