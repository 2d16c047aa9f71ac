'use client';
import { useState } from 'react';
import { plural } from '@lumenforge/ui/format';
import { INPUT, LABEL } from '@lumenforge/ui/page-parts';

/** Search the tokens of the same type and pick one to alias (`{color.neutral.50}`). */
export function AliasPicker({
  value,
  candidates,
  onChange,
  idPrefix,
  disabled,
  error,
}: {
  value: string;
  candidates: readonly string[];
  onChange: (path: string) => void;
  idPrefix: string;
  disabled: boolean;
  error: string | null;
}) {
  const [query, setQuery] = useState('');
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = candidates
    .filter((path) => terms.every((term) => path.toLowerCase().includes(term)))
    .slice(0, 200);
  const options = value && !matches.includes(value) ? [value, ...matches] : matches;
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={`${idPrefix}-alias-search`} className={LABEL}>
          Search tokens of this type
        </label>
        <input
          id={`${idPrefix}-alias-search`}
          type="search"
          className={`${INPUT} mt-1`}
          placeholder="neutral 50"
          value={query}
          disabled={disabled}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="alias-search"
        />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-alias`} className={LABEL}>
          Alias of ({plural(matches.length, 'match', 'matches')})
        </label>
        <select
          id={`${idPrefix}-alias`}
          size={8}
          className={`${INPUT} mt-1 font-mono text-xs`}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
          data-testid="alias-select"
        >
          {options.map((path) => (
            <option key={path} value={path}>
              {`{${path}}`}
            </option>
          ))}
        </select>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-danger-text">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
