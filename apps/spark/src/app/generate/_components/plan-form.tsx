'use client';
import { ZComponentNameSchema } from '@lumenforge/db';
import type {
  TComponentKind,
  TComponentPlan,
  TComponentState,
  TPlannedProp,
} from '@lumenforge/spark-generator';
import {
  BUTTON_PRIMARY,
  BUTTON_SECONDARY,
  FOCUS,
  INPUT,
  LABEL,
  Notice,
  TABLE,
  TABLE_WRAPPER,
  TableHead,
  TD,
} from '@lumenforge/ui/page-parts';
import { useId, type FormEvent } from 'react';

/** A comma-separated list as the plan's array: trimmed, empty entries dropped. */
const toList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const NEW_PROP: TPlannedProp = { name: '', type: 'string', optional: true, description: '' };

/**
 * The prompt's analysis as an editable form: name, kind, props (add/remove), states, events and
 * accessibility. "Generate" sends the plan as edited here.
 */
export function PlanForm({
  plan,
  kinds,
  states,
  onChange,
  onGenerate,
  isPending,
}: {
  plan: TComponentPlan;
  kinds: readonly TComponentKind[];
  states: readonly TComponentState[];
  onChange: (plan: TComponentPlan) => void;
  onGenerate: () => void;
  isPending: boolean;
}) {
  const id = useId();
  const nameCheck = ZComponentNameSchema.safeParse(plan.name);
  const nameError = nameCheck.success ? null : (nameCheck.error.issues[0]?.message ?? 'Invalid name');
  const propNames = plan.props.map((prop) => prop.name.trim());
  const propError = propNames.some((name) => !/^[a-z][A-Za-z0-9]*$/.test(name))
    ? 'Every prop needs a camelCase name (e.g. title, onSelect).'
    : new Set(propNames).size !== propNames.length
      ? 'Two props have the same name.'
      : plan.props.some((prop) => prop.type.trim() === '')
        ? 'Every prop needs a TypeScript type.'
        : null;

  const update = (change: Partial<TComponentPlan>) => onChange({ ...plan, ...change });
  const updateProp = (index: number, change: Partial<TPlannedProp>) =>
    update({ props: plan.props.map((prop, at) => (at === index ? { ...prop, ...change } : prop)) });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!nameError && !propError) onGenerate();
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Plan"
      className="space-y-4 rounded-lg border border-border bg-surface p-4"
      data-testid="plan-form"
    >
      <div>
        <h2 className="text-base font-semibold">Plan</h2>
        <p className="mt-0.5 text-sm text-fg-muted" data-testid="plan-summary">
          {plan.summary}
        </p>
      </div>
      {plan.match === 'closest' ? (
        <Notice tone="warning">
          The prompt did not name a component SPARK knows: this is the closest match ({plan.kind}). Change the
          kind or the details below if it is not what you meant.
        </Notice>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-name`} className={LABEL}>
            Name
          </label>
          <input
            id={`${id}-name`}
            value={plan.name}
            onChange={(event) => update({ name: event.target.value })}
            className={`${INPUT} mt-1 font-mono`}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
          />
          {nameError ? (
            <p id={`${id}-name-error`} className="mt-1 text-xs text-danger-text">
              {nameError}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-kind`} className={LABEL}>
            Kind
          </label>
          <select
            id={`${id}-kind`}
            value={plan.kind}
            onChange={(event) => update({ kind: event.target.value as TComponentKind })}
            className={`${INPUT} mt-1`}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-density`} className={LABEL}>
            Density
          </label>
          <select
            id={`${id}-density`}
            value={plan.density}
            onChange={(event) => update({ density: event.target.value as TComponentPlan['density'] })}
            className={`${INPUT} mt-1`}
          >
            <option value="comfortable">comfortable</option>
            <option value="compact">compact</option>
          </select>
        </div>
      </div>

      {/* A fieldset is min-content wide by default: without min-w-0 the props table cannot scroll inside it. */}
      <fieldset className="min-w-0">
        <legend className={LABEL}>Props</legend>
        <div className={`${TABLE_WRAPPER} mt-1`}>
          <table className={TABLE} aria-label="Props">
            <TableHead
              columns={['Name', 'Type', 'Optional', 'Description', { label: 'Remove', isHidden: true }]}
            />
            <tbody>
              {plan.props.map((prop, index) => (
                <tr key={index} data-testid="plan-prop">
                  <td className={TD}>
                    <input
                      aria-label={`Prop ${index + 1} name`}
                      value={prop.name}
                      onChange={(event) => updateProp(index, { name: event.target.value })}
                      className={`${INPUT} min-w-28 font-mono text-xs`}
                      spellCheck={false}
                    />
                  </td>
                  <td className={TD}>
                    <input
                      aria-label={`Prop ${index + 1} type`}
                      value={prop.type}
                      onChange={(event) => updateProp(index, { type: event.target.value })}
                      className={`${INPUT} min-w-36 font-mono text-xs`}
                      spellCheck={false}
                    />
                  </td>
                  <td className={`${TD} text-center`}>
                    <input
                      type="checkbox"
                      aria-label={`Prop ${index + 1} optional`}
                      checked={prop.optional}
                      onChange={(event) => updateProp(index, { optional: event.target.checked })}
                      className={`size-4 accent-accent ${FOCUS}`}
                    />
                  </td>
                  <td className={TD}>
                    <input
                      aria-label={`Prop ${index + 1} description`}
                      value={prop.description}
                      onChange={(event) => updateProp(index, { description: event.target.value })}
                      className={`${INPUT} min-w-40 text-xs`}
                    />
                  </td>
                  <td className={TD}>
                    <button
                      type="button"
                      className={BUTTON_SECONDARY}
                      onClick={() => update({ props: plan.props.filter((_, at) => at !== index) })}
                      aria-label={`Remove prop ${prop.name || index + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {propError ? <p className="mt-1 text-xs text-danger-text">{propError}</p> : null}
        <button
          type="button"
          className={`${BUTTON_SECONDARY} mt-2`}
          onClick={() => update({ props: [...plan.props, { ...NEW_PROP }] })}
        >
          Add prop
        </button>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className={LABEL}>States</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {states.map((state) => (
              <label key={state} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={plan.states.includes(state)}
                  onChange={(event) =>
                    update({
                      states: event.target.checked
                        ? states.filter((known) => known === state || plan.states.includes(known))
                        : plan.states.filter((known) => known !== state),
                    })
                  }
                  className={`size-4 accent-accent ${FOCUS}`}
                />
                {state}
              </label>
            ))}
          </div>
        </fieldset>
        <ListField
          label="Events (comma-separated)"
          value={plan.events}
          onChange={(events) => update({ events })}
          placeholder="onClick, onChange"
        />
      </div>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="sr-only">Accessibility</legend>
        <div>
          <label htmlFor={`${id}-role`} className={LABEL}>
            ARIA role
          </label>
          <input
            id={`${id}-role`}
            value={plan.accessibility.role ?? ''}
            onChange={(event) =>
              update({ accessibility: { ...plan.accessibility, role: event.target.value.trim() || null } })
            }
            placeholder="none (native element)"
            className={`${INPUT} mt-1 font-mono`}
          />
        </div>
        <ListField
          label="Accessible labels"
          value={plan.accessibility.labels}
          onChange={(labels) => update({ accessibility: { ...plan.accessibility, labels } })}
        />
        <ListField
          label="Keyboard"
          value={plan.accessibility.keyboard}
          onChange={(keyboard) => update({ accessibility: { ...plan.accessibility, keyboard } })}
          placeholder="Enter, Space, Escape"
        />
      </fieldset>

      <button
        type="submit"
        className={BUTTON_PRIMARY}
        disabled={isPending || Boolean(nameError || propError)}
      >
        {isPending ? 'Generating…' : 'Generate'}
      </button>
    </form>
  );
}

/** A list of the plan edited as comma-separated text (kept as typed until it loses focus). */
function ListField({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <input
        id={id}
        // Uncontrolled while typing: a controlled list would eat the comma being typed.
        key={value.join(', ')}
        defaultValue={value.join(', ')}
        onBlur={(event) => onChange(toList(event.target.value))}
        placeholder={placeholder}
        className={`${INPUT} mt-1`}
      />
    </div>
  );
}
