'use client';
import { ZComponentNameSchema, type TComponentDetail } from '@lumenforge/db';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT, LABEL, Notice } from '@lumenforge/ui/page-parts';
import { ComponentDetailsFields } from '../../_components/component-details-fields';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { fieldIssue, sendJson, type TApiProblem } from '@lumenforge/ui/api-client';

type TField = 'name' | 'description' | 'category' | 'source';
const FIELDS: readonly TField[] = ['name', 'description', 'category', 'source'];

const SOURCE_PLACEHOLDER = `export type PricingCardProps = { plan: string; price: string };

export function PricingCard({ plan, price }: PricingCardProps) {
  return (
    <article className="rounded-lg border border-border p-4">
      <h3>{plan}</h3>
      <p>{price}</p>
    </article>
  );
}`;

/**
 * The "New component" form: name, description, category and source, saved as version 1 through
 * `POST /api/components`. The server is the authority: its field issues appear next to each field,
 * anything else (a taken name, no permission, an outage) above the form. The name is checked here
 * too, with the server's own rule, so a typo is caught before the round trip.
 */
export function NewComponentForm() {
  const router = useRouter();
  const formId = useId();
  const [values, setValues] = useState<Record<TField, string>>({
    name: '',
    description: '',
    category: '',
    source: '',
  });
  const [isPending, setIsPending] = useState(false);
  const [problem, setProblem] = useState<TApiProblem | null>(null);

  const errors = Object.fromEntries(FIELDS.map((field) => [field, fieldIssue(problem, field)])) as Record<
    TField,
    string | null
  >;
  const hasFieldErrors = FIELDS.some((field) => errors[field]);

  function setValue(field: TField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const name = ZComponentNameSchema.safeParse(values.name);
    if (!name.success) {
      setProblem({
        status: 400,
        error: 'invalid_request',
        message: 'The component is invalid',
        issues: [{ path: 'name', message: name.error.issues[0]?.message ?? 'Invalid name' }],
      });
      return;
    }
    setIsPending(true);
    const result = await sendJson<{ component: TComponentDetail }>('/api/components', {
      method: 'POST',
      body: {
        name: name.data,
        description: values.description,
        ...(values.category.trim() ? { category: values.category.trim() } : {}),
        source: values.source,
      },
    });
    if (!result.ok) {
      setIsPending(false);
      setProblem(result.problem);
      return;
    }
    // Stays disabled while the component's page loads.
    router.push(`/components/${result.data.component.id}`);
  }

  const describedBy = (field: TField, hint?: string) =>
    [hint, errors[field] ? `${formId}-${field}-error` : null].filter(Boolean).join(' ') || undefined;

  const fieldError = (field: TField) =>
    errors[field] ? (
      <p id={`${formId}-${field}-error`} className="mt-1 text-xs text-danger-text">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-label="New component"
      className="space-y-4 rounded-lg border border-border bg-surface p-4"
    >
      {problem && !hasFieldErrors ? <Notice tone="danger">{problem.message}</Notice> : null}

      <ComponentDetailsFields
        formId={formId}
        values={values}
        errors={errors}
        onChange={setValue}
        nameHint="PascalCase, as the component is exported; unique in your workspace."
        placeholders={{
          name: 'PricingCard',
          category: 'marketing',
          description: 'What it shows and when to use it',
        }}
      />

      <div>
        <label htmlFor={`${formId}-source`} className={LABEL}>
          Source
        </label>
        <textarea
          id={`${formId}-source`}
          name="source"
          required
          rows={16}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={values.source}
          onChange={(event) => setValue('source', event.target.value)}
          placeholder={SOURCE_PLACEHOLDER}
          className={`${INPUT} mt-1 font-mono text-xs leading-relaxed`}
          aria-invalid={errors.source ? true : undefined}
          aria-describedby={describedBy('source', `${formId}-source-hint`)}
        />
        <p id={`${formId}-source-hint`} className="mt-1 text-xs text-fg-subtle">
          The component’s TSX; it becomes version 1.
        </p>
        {fieldError('source')}
      </div>

      <div className="flex items-center gap-3">
        <button type="submit" className={BUTTON_PRIMARY} disabled={isPending}>
          {isPending ? 'Saving…' : 'Save component'}
        </button>
        <a href="/components" className={BUTTON_SECONDARY}>
          Cancel
        </a>
      </div>
    </form>
  );
}
