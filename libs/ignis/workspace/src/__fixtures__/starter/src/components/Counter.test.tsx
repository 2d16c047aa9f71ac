import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Counter } from './Counter';

describe('Counter', () => {
  it('shows its label and the initial count', () => {
    expect(renderToStaticMarkup(<Counter label="Clicks" initial={3} />)).toContain('Clicks: 3');
  });
});
