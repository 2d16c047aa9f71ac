import type { TExpert } from '../types';

/** What a part builder returns for one variation: the three files' text and each expert's notes. */
export type TPartBuild = {
  source: string;
  tests: string;
  stories: string;
  notes: Record<TExpert, string[]>;
};
