export { formatProblem, type TCheckProblem, type TCheckRule } from './check-problem';
export {
  checkComponent,
  componentFileNames,
  type TComponentCheck,
  type TComponentSources,
} from './check-component';
export { checkComponentExport, COMPONENT_NAME_PATTERN, exportedValueNames } from './component-export';
export { classProblem, utilityOf } from './tailwind-classes';
export { checkTokenUsage } from './token-usage';
export {
  type TThemeNamespace,
  type TTokenVocabulary,
  tokenVocabulary,
  vocabularyKeys,
} from './token-vocabulary';
export {
  parsedDeclarationFiles,
  parseFile,
  syntaxProblems,
  typeCheckFiles,
  warmUpTypeCheck,
} from './type-check';
