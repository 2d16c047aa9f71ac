import type { TCheckProblem } from './check-problem';
import { checkComponentExport, COMPONENT_NAME_PATTERN } from './component-export';
import { checkTokenUsage } from './token-usage';
import type { TTokenVocabulary } from './token-vocabulary';
import { parseFile, syntaxProblems, typeCheckFiles } from './type-check';

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
 * The guard on every component save and every generated component: the code parses, its types
 * check (strict, against the workspace's React types), it exports the component it is named for,
 * and it styles only with the token vocabulary's values. Tests and stories must parse and use
 * tokens too; their types are not checked here, since their test libraries are not part of the
 * workspace's dependencies yet. Problems come back with file, line and column, syntax first.
 */
export function checkComponent(sources: TComponentSources, vocabulary: TTokenVocabulary): TComponentCheck {
  const names = componentFileNames(sources.name);
  if (!COMPONENT_NAME_PATTERN.test(sources.name)) {
    return {
      ok: false,
      problems: [
        {
          rule: 'export',
          file: names.source,
          line: 1,
          column: 1,
          message: `"${sources.name}" is not a component name: use PascalCase letters and digits, e.g. PricingCard.`,
        },
      ],
    };
  }
  const component = typeCheckFiles({ [names.source]: sources.source });
  const companions: Record<string, string> = {};
  if (sources.tests) companions[names.tests] = sources.tests;
  if (sources.stories) companions[names.stories] = sources.stories;
  const companionSyntax = Object.entries(companions).flatMap(([file, text]) => syntaxProblems(file, text));

  const problems: TCheckProblem[] = [
    ...component.problems.filter((problem) => problem.rule === 'syntax'),
    ...companionSyntax,
  ];
  if (problems.length === 0) {
    problems.push(...component.problems);
    const sourceFile = component.sourceFiles.get(names.source);
    if (sourceFile) {
      problems.push(...checkComponentExport(sourceFile, names.source, sources.name));
      problems.push(...checkTokenUsage(sourceFile, names.source, vocabulary));
    }
    if (sources.stories) {
      const stories = parseFile(names.stories, sources.stories);
      problems.push(...checkTokenUsage(stories, names.stories, vocabulary));
    }
  }
  return problems.length === 0 ? { ok: true, tokenVersion: vocabulary.version } : { ok: false, problems };
}
