import { createRepositories, type TDbClient } from '@lumenforge/db/server';
import {
  defaultAnswers,
  renderProject,
  type TRenderResult,
  type TTokenContext,
  type TWizard,
} from '@lumenforge/ignition-templates';
import { loadDefaultTokenSet, validateTokenSet } from '@lumenforge/tokens';
import type { TemplateRepository, TStoredTemplate } from './template.repository';

/** A wizard that names a template, token version or set the workspace does not have. */
export class WizardReferenceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'WizardReferenceError';
  }
}

/**
 * The SLATE token version a wizard chose, read from the workspace's published versions; the
 * default set when it chose none. Throws {@link WizardReferenceError} for a set of another
 * workspace or a version that does not exist.
 */
export async function resolveTokenContext(
  db: TDbClient,
  workspaceId: string,
  tokens: TWizard['tokens'],
): Promise<TTokenContext> {
  if (!tokens.tokenSetId || !tokens.version)
    return { set: loadDefaultTokenSet(), tokenSetId: null, version: null, semver: null };
  const repository = createRepositories(db).tokenSets;
  const set = await repository.findByWorkspace(workspaceId);
  if (!set || set.id !== tokens.tokenSetId)
    throw new WizardReferenceError('tokens.tokenSetId', 'The token set is not this workspace’s');
  const version = await repository.findVersion(set.id, tokens.version);
  if (!version)
    throw new WizardReferenceError(
      'tokens.version',
      `Token version ${tokens.version} has not been published`,
    );
  const checked = validateTokenSet(version.content);
  if (!checked.set)
    throw new WizardReferenceError('tokens.version', `Token version ${tokens.version} does not validate`);
  return { set: checked.set, tokenSetId: set.id, version: version.number, semver: version.semver };
}

/** The stored template a wizard names, or {@link WizardReferenceError}. */
export async function wizardTemplate(
  templates: TemplateRepository,
  workspaceId: string,
  template: TWizard['template'],
): Promise<TStoredTemplate> {
  const stored = await templates.get(workspaceId, template.key, template.version);
  if (!stored)
    throw new WizardReferenceError(
      'template',
      `The template ${template.key}@${template.version} does not exist in this workspace`,
    );
  return stored;
}

/**
 * Renders a wizard document in memory: the template's defaults under the given answers, the chosen
 * token version. Throws `AnswersValidationError` (400) for answers that do not fit the template.
 */
export async function renderWizard(
  deps: { db: TDbClient; templates: TemplateRepository },
  workspaceId: string,
  wizard: Pick<TWizard, 'template' | 'answers' | 'tokens'>,
): Promise<TRenderResult & { stored: TStoredTemplate }> {
  const stored = await wizardTemplate(deps.templates, workspaceId, wizard.template);
  const tokens = await resolveTokenContext(deps.db, workspaceId, wizard.tokens);
  const answers = { ...defaultAnswers(stored.template.manifest.parameters), ...wizard.answers };
  return { ...renderProject(stored.template, answers, { tokens }), stored };
}
