import { useState } from 'react';

export type CounterProps = { label: string; initial?: number };

/** A button that counts its clicks. */
export function Counter({ label, initial = 0 }: CounterProps) {
  const [count, setCount] = useState(initial);
  return (
    <button
      type="button"
      data-testid="counter"
      className="rounded-md bg-accent-ignis px-4 py-2 font-medium text-accent-ignis-fg"
      onClick={() => setCount((value) => value + 1)}
    >
      {label}: {count}
    </button>
  );
}
