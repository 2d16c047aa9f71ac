// A sample component with its Vitest test and CSF3 story, right in every way (it type-checks,
// styles with tokens only, its tests pass and its stories render cleanly): for the tests of
// SPARK's checks and verification, which derive broken variants from it.

export const COUNTER_SOURCE = `import { useState } from 'react';

export type TCounterProps = { label: string; initial?: number; onChange?: (value: number) => void };

export function Counter({ label, initial = 0, onChange }: TCounterProps) {
  const [count, setCount] = useState(initial);
  return (
    <button
      type="button"
      className="rounded-md bg-accent px-4 py-2 text-accent-fg"
      onClick={() => {
        setCount(count + 1);
        onChange?.(count + 1);
      }}
    >
      {label}: {count}
    </button>
  );
}
`;

export const COUNTER_TESTS = `// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Counter } from './Counter';

afterEach(cleanup);

describe('Counter', () => {
  it('counts clicks and reports them', async () => {
    const onChange = vi.fn();
    render(<Counter label="Clicks" onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Clicks: 0' }));
    expect(screen.getByRole('button').textContent).toBe('Clicks: 1');
    expect(onChange).toHaveBeenCalledWith(1);
  });

  it('starts from the initial count', () => {
    render(<Counter label="Clicks" initial={5} />);
    expect(screen.getByRole('button').textContent).toBe('Clicks: 5');
  });
});
`;

export const COUNTER_STORIES = `import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Counter } from './Counter';

const meta = {
  component: Counter,
  args: { label: 'Clicks', onChange: fn() },
} satisfies Meta<typeof Counter>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Clicks: 0' }));
    await expect(canvas.getByRole('button')).toHaveTextContent('Clicks: 1');
    await expect(args.onChange).toHaveBeenCalledWith(1);
  },
};

export const StartsAtFive: Story = {
  args: { initial: 5 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent('Clicks: 5');
  },
};
`;
