// Entry `@lumenforge/ignition-templates`: templates as data (no I/O; runs on the server and in the
// wizard's browser code alike). The built-in templates are read by `./built-in` (server only).
export {
  ANSWERS_FILE_PATH,
  CORE_ANSWER_NAMES,
  TEMPLATE_SUFFIX,
  templateManifestJsonSchema,
  ZFileRuleSchema,
  ZParameterSchema,
  ZParametersSchema,
  ZTemplateFileSchema,
  ZTemplateManifestSchema,
  type TFileRule,
  type TParameter,
  type TParameters,
  type TTemplate,
  type TTemplateFile,
  type TTemplateManifest,
} from './template-manifest.schema';
export {
  AnswersValidationError,
  defaultAnswers,
  validateAnswers,
  ZCoreAnswersSchema,
  ZDependencySchema,
  type TAnswers,
  type TDependency,
  type TIssue,
} from './answers';
export {
  isValidNpmPackageName,
  MAX_PACKAGE_NAME_LENGTH,
  npmPackageNameProblems,
  splitPackageName,
} from './npm-package-name';
export {
  outputPathProblem,
  renderProject,
  TemplateError,
  type TAnswersFile,
  type TRenderContext,
  type TRenderedFile,
  type TRenderResult,
  type TTokenContext,
} from './render-project';
export { validateTemplate } from './validate-template';
export { parseTemplate, renderTemplate, type TTemplateNode } from './template-syntax';
export { parseExpression, TemplateSyntaxError, type TExpression } from './expression';
export {
  stepOfIssue,
  WIZARD_ENVIRONMENTS,
  WIZARD_STEP_LABELS,
  WIZARD_STEPS,
  wizardIssues,
  ZWizardCredentialsSchema,
  ZWizardGitSchema,
  ZWizardSchema,
  type TWizard,
  type TWizardCredentials,
  type TWizardGit,
  type TWizardStep,
} from './wizard';
