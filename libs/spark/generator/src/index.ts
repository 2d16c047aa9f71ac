export * from './types';
export * from './diff';
export * from './plan-schema';
export { SPARK_CORPUS, type TCorpusPrompt } from './corpus';
export { createBuiltInGenerator, InvalidPlanError } from './built-in/generator';
export { analysePrompt } from './built-in/analyse';
export { routePrompt } from './built-in/router';
export * from './provider/openai-compatible-generator';
