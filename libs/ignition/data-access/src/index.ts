import 'server-only';

export {
  TemplateInvalidError,
  TemplateRepository,
  type TStoredTemplate,
  type TTemplateSaveResult,
  type TTemplateSummary,
} from './template.repository';
