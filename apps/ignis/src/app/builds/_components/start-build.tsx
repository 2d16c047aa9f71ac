'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { sendJson } from '@lumenforge/ui/api-client';
import { BUTTON_PRIMARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';

export type TBuildable = { value: string; label: string };

/** Queue a build of a project or of the component library, then open its page. */
export function StartBuild({ options }: { options: TBuildable[] }) {
  const router = useRouter();
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const handleSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body =
      target === 'component-library' ? { kind: 'component-library' } : { kind: 'project', projectId: target };
    const result = await sendJson<{ build: { id: string } }>('/api/builds', { method: 'POST', body });
    if (result.ok) router.push(`/builds/${result.data.build.id}`);
    else {
      setError(result.problem.message);
      setBusy(false);
    }
  };

  if (options.length === 0)
    return (
      <p className="text-sm text-fg-muted">Nothing to build yet: no project and no published component.</p>
    );
  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <label className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
        <span className={LABEL}>What to build</span>
        <select className={INPUT} value={target} onChange={(event) => setTarget(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={BUTTON_PRIMARY} disabled={busy}>
        {busy ? 'Queueing…' : 'Run build'}
      </button>
      {error ? <Notice tone="danger">{error}</Notice> : null}
    </form>
  );
}
