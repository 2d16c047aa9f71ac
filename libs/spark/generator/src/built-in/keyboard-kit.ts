// Arrow-key movement shared by the tabs and the accordion (WAI-ARIA APG): previous/next wrap
// around, Home and End jump to the ends, and the part says what moving to an item does.
import { handler } from './component-kit';
import type { TPartContext } from './part';

export type TRovingKeys = {
  /** The handler's name and parameters (`event` must be one of them). */
  name: string;
  params: string;
  /** The items array in the generated component, and an expression for the index moved from. */
  items: string;
  fromIndex: string;
  previousKey: 'ArrowLeft' | 'ArrowUp';
  nextKey: 'ArrowRight' | 'ArrowDown';
  /** Statements run with `next`, the item moved to. */
  onMove: string[];
  deps: string[];
};

/** A key handler that moves between items with the arrow keys, Home and End. */
export function rovingKeyHandler(context: TPartContext, keys: TRovingKeys): string[] {
  return handler(
    context,
    keys.name,
    keys.params,
    [
      `const index = ${keys.fromIndex};`,
      `const count = ${keys.items}.length;`,
      'const nextIndex =',
      `  event.key === '${keys.nextKey}' ? (index + 1) % count`,
      `  : event.key === '${keys.previousKey}' ? (index - 1 + count) % count`,
      "  : event.key === 'Home' ? 0",
      "  : event.key === 'End' ? count - 1",
      '  : -1;',
      `const next = ${keys.items}[nextIndex];`,
      'if (!next) return;',
      'event.preventDefault();',
      ...keys.onMove,
    ],
    keys.deps,
  );
}
