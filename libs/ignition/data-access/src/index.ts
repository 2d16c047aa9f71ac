import 'server-only';

export {
  TemplateInvalidError,
  TemplateRepository,
  type TStoredTemplate,
  type TTemplateSaveResult,
  type TTemplateSummary,
} from './template.repository';
export {
  CREATE_TASK_STEPS,
  IgnitionTaskRepository,
  initialCreateSteps,
  ORPHANED_AFTER_MS,
  TASK_STEP_LABELS,
  taskProgress,
  type TIgnitionTask,
  type TRunnableTask,
  type TTaskLogLine,
  type TTaskLogStream,
  type TTaskStatus,
  type TTaskStep,
  type TTaskStepId,
  type TTaskStepStatus,
} from './ignition-task.repository';
export {
  isProjectSlugTaken,
  projectFileRows,
  projectSlug,
  registerProject,
  type TProjectActor,
  type TRegisteredProject,
  type TRegisterProjectInput,
} from './project-registration';
export {
  ALLOWED_LICENSES,
  isLicenseAllowed,
  licenseOf,
  NPM_REGISTRY_URL,
  NpmRegistryClient,
  NpmRegistryUnavailableError,
  type TDependencyCheck,
} from './npm-registry';
export { checkGitTarget, GitTargetRefusedError } from './git-target-check';
export { renderWizard, resolveTokenContext, WizardReferenceError, wizardTemplate } from './render-wizard';
export {
  runCreateProjectTask,
  type TCreateTaskDeps,
  type TRunCreateTaskOptions,
} from './create-project-task';
export {
  createZipArchive,
  dosDateTime,
  MAX_ZIP_INPUT_BYTES,
  type TZipEntry,
  ZipTooLargeError,
} from './zip-archive';
