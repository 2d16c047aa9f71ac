import type { TCheckProblem } from './check-problem';
import { checkComponentExport, COMPONENT_NAME_PATTERN } from './component-export';
import { checkTokenUsage } from './token-usage';
import type { TTokenVocabulary } from './vocabulary';
import { type TTypeCheckResult, typeCheckFileSets } from './type-check';

export type TComponentSources = {
  /** The component's name, PascalCase: the file is `<name>.tsx` and must export `<name>`. */
  name: string;
  source: string;
  tests?: string | null;
  stories?: string | null;
};

export type TComponentCheck =
  | { ok: true; tokenVersion: string | null }
  | { ok: false; problems: TCheckProblem[] };

/** The file names a component's sources are checked under (and shown with in messages). */
export function componentFileNames(name: string) {
  return { source: `${name}.tsx`, tests: `${name}.test.tsx`, stories: `${name}.stories.tsx` };
}

/**
 * The guard on every component save and every generated component: the code, its tests and its
 * stories parse and type-check as one program (strict, against the workspace's React, Vitest,
 * Testing Library and Storybook types, so a test or story that misuses the component's props is
 * refused too), the component exports what it is named for, and component and stories style only
 * with the token vocabulary's values. Problems come back with file, line and column; syntax
 * errors of any file come alone.
 */
export function checkComponent(sources: TComponentSources, vocabulary: TTokenVocabulary): TComponentCheck {
  return checkComponents([sources], vocabulary)[0] as TComponentCheck;
}

/**
 * {@link checkComponent} of several components at once (the variations of one generation, which
 * may share a name): one result per component, in order, each what `checkComponent` gives it
 * alone, but type-checked together in one program when their imports allow (see
 * `typeCheckFileSets`), which costs little more than checking one.
 */
export function checkComponents(
  sourcesList: readonly TComponentSources[],
  vocabulary: TTokenVocabulary,
): TComponentCheck[] {
  const named = sourcesList.filter((sources) => COMPONENT_NAME_PATTERN.test(sources.name));
  const typeChecks = typeCheckFileSets(named.map(componentFiles));
  let next = 0;
  return sourcesList.map((sources) => {
    if (!COMPONENT_NAME_PATTERN.test(sources.name)) return notAComponentName(sources.name);
    const typeCheck = typeChecks[next++] as TTypeCheckResult;
    const problems = [...typeCheck.problems];
    const names = componentFileNames(sources.name);
    // Types, exports and tokens of code that does not parse mean nothing: syntax errors come alone.
    if (problems[0]?.rule !== 'syntax') {
      const source = typeCheck.sourceFiles.get(names.source);
      if (source) {
        problems.push(...checkComponentExport(source, names.source, sources.name));
        problems.push(...checkTokenUsage(source, names.source, vocabulary));
      }
      const stories = typeCheck.sourceFiles.get(names.stories);
      if (stories) problems.push(...checkTokenUsage(stories, names.stories, vocabulary));
    }
    return problems.length === 0 ? { ok: true, tokenVersion: vocabulary.version } : { ok: false, problems };
  });
}

function componentFiles(sources: TComponentSources): Record<string, string> {
  const names = componentFileNames(sources.name);
  const files: Record<string, string> = { [names.source]: sources.source };
  if (sources.tests) files[names.tests] = sources.tests;
  if (sources.stories) files[names.stories] = sources.stories;
  return files;
}

function notAComponentName(name: string): TComponentCheck {
  return {
    ok: false,
    problems: [
      {
        rule: 'export',
        file: componentFileNames(name).source,
        line: 1,
        column: 1,
        message: `"${name}" is not a component name: use PascalCase letters and digits, e.g. PricingCard.`,
      },
    ],
  };
}
