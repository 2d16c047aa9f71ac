export { formatProblem, type TCheckProblem, type TCheckRule } from './check-problem';
export {
  checkComponent,
  checkComponents,
  componentFileNames,
  type TComponentCheck,
  type TComponentSources,
} from './check-component';
export {
  CheckUnavailableError,
  checkComponentAsync,
  checkComponentsAsync,
  closeCheckPool,
  createCheckPool,
  defaultCheckPoolSize,
  type TCheckPool,
  type TCheckPoolOptions,
  warmUpCheckPool,
} from './check-pool';
export { checkComponentExport, COMPONENT_NAME_PATTERN, exportedValueNames } from './component-export';
export { classProblem, utilityOf } from './tailwind-classes';
export { checkTokenUsage } from './token-usage';
export { tokenVocabulary } from './token-vocabulary';
export { type TThemeNamespace, type TTokenVocabulary, vocabularyKeys } from './vocabulary';
export {
  parsedDeclarationFiles,
  parseFile,
  syntaxProblems,
  typeCheckFiles,
  typeCheckFileSets,
  warmUpTypeCheck,
} from './type-check';
