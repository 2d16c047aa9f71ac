import type { TExpert } from '../types';

/** What a part builder returns for one variation: the three files' text and each expert's notes. */
export type TPartBuild = {
  source: string;
  tests: string;
  stories: string;
  notes: Record<TExpert, string[]>;
  /**
   * TypeScript source of props that render the component with sample data and no handlers (an
   * object literal), for a page that composes it. Without it a composition reads them from the
   * tests' `defaultProps`.
   */
  sampleProps?: string;
};
