/**
 * Compiling a template (parse every path template, condition and text file once) and rendering it
 * with answers and the chosen SLATE token version into a project's files.
 */
import { exportRuntimeThemeCss, generateThemeCss, type TTokenSet } from '@lumenforge/tokens';
import { type TAnswers, type TIssue, AnswersValidationError, validateAnswers } from './answers';
import {
  evaluateExpression,
  expressionPaths,
  isTruthy,
  parseExpression,
  TemplateSyntaxError,
  type TExpression,
} from './expression';
import { splitPackageName } from './npm-package-name';
import {
  ANSWERS_FILE_PATH,
  CORE_ANSWER_NAMES,
  TEMPLATE_SUFFIX,
  type TFileRule,
  type TParameters,
  type TTemplate,
  type TTemplateFile,
} from './template-manifest.schema';
import {
  lineAndColumn,
  parseTemplate,
  renderTemplate,
  templatePaths,
  type TTemplateNode,
} from './template-syntax';

/** The SLATE token version a project is generated with (`version`/`semver` null: the default set). */
export type TTokenContext = {
  set: TTokenSet;
  tokenSetId?: string | null;
  version: number | null;
  semver: string | null;
};
export type TRenderContext = { tokens: TTokenContext };

export type TRenderedFile = { path: string; content: string; encoding: 'utf8' | 'base64' };

/** `.lumenforge/answers.json`: what an update needs to re-render the project's starting point. */
export type TAnswersFile = {
  template: { id: string; version: string };
  tokens: { tokenSetId: string | null; version: number | null; semver: string | null };
  answers: TAnswers;
};

export type TRenderResult = { files: TRenderedFile[]; answersFile: TAnswersFile };

/** A template that cannot be compiled or rendered (its manifest or files are wrong: 422 for an upload). */
export class TemplateError extends Error {
  readonly status = 422;
  constructor(readonly issues: TIssue[]) {
    super(`invalid template: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'TemplateError';
  }
}

type TCompiledRule = {
  rule: TFileRule;
  index: number;
  when: TExpression | null;
  target: TTemplateNode[] | null;
};
type TCompiledFile = { file: TTemplateFile; path: TTemplateNode[]; content: TTemplateNode[] | null };
type TCompiledTemplate = { rules: TCompiledRule[]; files: TCompiledFile[] };

const ROOT_NAMES = new Set(['answers', 'project', 'template', 'tokens', 'this', '@index', '@first', '@last']);
const compiledTemplates = new WeakMap<TTemplate, TCompiledTemplate>();

/** Whether a rule's `source` (a path or `dir/**`) covers a template file path. */
export function ruleMatches(source: string, path: string): boolean {
  return source.endsWith('/**') ? path.startsWith(source.slice(0, -2)) : source === path;
}

function syntaxIssue(path: string, source: string, error: unknown, withPosition: boolean): TIssue {
  if (!(error instanceof TemplateSyntaxError)) throw error;
  if (!withPosition) return { path, message: error.message };
  const { line, column } = lineAndColumn(source, error.offset);
  return { path: `${path}:${line}:${column}`, message: error.message };
}

function unknownNameIssues(paths: string[][], parameters: TParameters, where: string): TIssue[] {
  const known = new Set<string>([...CORE_ANSWER_NAMES, ...Object.keys(parameters.properties)]);
  const issues: TIssue[] = [];
  for (const [root = '', answer] of paths) {
    if (!ROOT_NAMES.has(root)) {
      issues.push({
        path: where,
        message: `unknown name "${root}" (use answers., project., template. or tokens.)`,
      });
    } else if (root === 'answers' && answer !== undefined && !known.has(answer)) {
      issues.push({ path: where, message: `"answers.${answer}" is not a parameter of this template` });
    }
  }
  return issues;
}

/** Parses every rule and file of a template; throws `TemplateError` listing each problem. */
export function compileTemplate(template: TTemplate): TCompiledTemplate {
  const cached = compiledTemplates.get(template);
  if (cached) return cached;
  const { manifest, files } = template;
  const issues: TIssue[] = [];
  const rules = manifest.files.map((rule, index): TCompiledRule => {
    const where = `manifest.files[${index}]`;
    let when: TExpression | null = null;
    let target: TTemplateNode[] | null = null;
    if (rule.when !== undefined) {
      try {
        when = parseExpression(rule.when);
        issues.push(...unknownNameIssues(expressionPaths(when), manifest.parameters, `${where}.when`));
      } catch (error) {
        issues.push(syntaxIssue(`${where}.when`, rule.when, error, false));
      }
    }
    if (rule.target !== undefined) {
      if (rule.source.endsWith('/**'))
        issues.push({ path: `${where}.target`, message: 'a folder rule (dir/**) cannot have a target' });
      try {
        target = parseTemplate(rule.target);
        issues.push(...unknownNameIssues(templatePaths(target), manifest.parameters, `${where}.target`));
      } catch (error) {
        issues.push(syntaxIssue(`${where}.target`, rule.target, error, false));
      }
    }
    if (!files.some((file) => ruleMatches(rule.source, file.path))) {
      issues.push({ path: `${where}.source`, message: `"${rule.source}" matches no file of the template` });
    }
    return { rule, index, when, target };
  });
  const seen = new Set<string>();
  const compiledFiles = files.map((file): TCompiledFile => {
    const where = `files/${file.path}`;
    if (seen.has(file.path)) issues.push({ path: where, message: 'the file is listed twice' });
    seen.add(file.path);
    let path: TTemplateNode[] = [];
    let content: TTemplateNode[] | null = null;
    try {
      path = parseTemplate(file.path);
      issues.push(...unknownNameIssues(templatePaths(path), manifest.parameters, where));
    } catch (error) {
      issues.push(syntaxIssue(where, file.path, error, false));
    }
    if (file.path.endsWith(TEMPLATE_SUFFIX)) {
      if (file.encoding !== 'utf8')
        issues.push({ path: where, message: `a ${TEMPLATE_SUFFIX} file must be UTF-8 text` });
      try {
        content = parseTemplate(file.content);
        issues.push(...unknownNameIssues(templatePaths(content), manifest.parameters, where));
      } catch (error) {
        issues.push(syntaxIssue(where, file.content, error, true));
      }
    }
    return { file, path, content };
  });
  if (issues.length > 0) throw new TemplateError(issues);
  const compiled = { rules, files: compiledFiles };
  compiledTemplates.set(template, compiled);
  return compiled;
}

/** Relative POSIX path, no `.`/`..`/empty segments, no backslash or NUL (a rendered path may come from answers). */
export function outputPathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 512) return 'a path must have 1 to 512 characters';
  if (path.startsWith('/') || /[\\\0]/.test(path)) return 'a path must be relative, with / as separator';
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'a path may not contain empty, . or .. segments';
  }
  return null;
}

function titleCase(name: string): string {
  return name
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
}

/** The data templates see: `answers`, `project`, `template` and `tokens`. */
export function renderData(
  template: TTemplate,
  answers: TAnswers,
  context: TRenderContext,
): Record<string, unknown> {
  const { scope, unscopedName } = splitPackageName(answers.name);
  return {
    answers,
    project: { name: answers.name, scope, unscopedName, title: titleCase(unscopedName) },
    template: { id: template.manifest.id, version: template.manifest.version },
    tokens: {
      version: context.tokens.version,
      semver: context.tokens.semver,
      themeCss: generateThemeCss(context.tokens.set),
      runtimeCss: exportRuntimeThemeCss(context.tokens.set),
    },
  };
}

/**
 * A dependency the user added that the template already pins would be a duplicate key in
 * package.json (JSON.parse keeps the last one silently): refuse it as an answer instead.
 */
function assertNoPinnedDependencyTwice(packageJson: string, answers: TAnswers): void {
  const issues = answers.dependencies.flatMap((dependency, index) => {
    const key = `${JSON.stringify(dependency.name)}:`;
    const count = packageJson.split(key).length - 1;
    return count > 1
      ? [
          {
            path: `answers.dependencies.${index}.name`,
            message: `"${dependency.name}" is already a dependency of the template`,
          },
        ]
      : [];
  });
  if (issues.length > 0) throw new AnswersValidationError(issues);
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Renders with answers already validated (used by `renderProject` and by template checks). */
export function renderValidated(
  template: TTemplate,
  answers: TAnswers,
  context: TRenderContext,
): TRenderResult {
  const compiled = compileTemplate(template);
  const data = renderData(template, answers, context);
  const scope = { data, frames: [] };
  const issues: TIssue[] = [];
  const files: TRenderedFile[] = [];
  for (const { file, path, content } of compiled.files) {
    const rule = compiled.rules.find((candidate) => ruleMatches(candidate.rule.source, file.path));
    if (rule?.when && !isTruthy(evaluateExpression(rule.when, scope))) continue;
    const renderedPath = renderTemplate(rule?.target ?? path, data);
    const outputPath =
      !rule?.target && renderedPath.endsWith(TEMPLATE_SUFFIX)
        ? renderedPath.slice(0, -TEMPLATE_SUFFIX.length)
        : renderedPath;
    const problem =
      outputPathProblem(outputPath) ??
      (outputPath === ANSWERS_FILE_PATH ? 'the answers file is written by the renderer' : null);
    if (problem) {
      issues.push({ path: `files/${file.path}`, message: `renders to "${outputPath}": ${problem}` });
      continue;
    }
    const text = content ? renderTemplate(content, data) : file.content;
    if (outputPath === 'package.json') assertNoPinnedDependencyTwice(text, answers);
    if (outputPath.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (error) {
        issues.push({
          path: `files/${file.path}`,
          message: `renders to invalid JSON: ${(error as Error).message}`,
        });
      }
    }
    files.push({ path: outputPath, content: text, encoding: file.encoding });
  }
  const answersFile: TAnswersFile = {
    template: { id: template.manifest.id, version: template.manifest.version },
    tokens: {
      tokenSetId: context.tokens.tokenSetId ?? null,
      version: context.tokens.version,
      semver: context.tokens.semver,
    },
    answers,
  };
  files.push({
    path: ANSWERS_FILE_PATH,
    content: `${JSON.stringify(answersFile, null, 2)}\n`,
    encoding: 'utf8',
  });
  files.sort(byPath);
  files.forEach((file, index) => {
    if (index > 0 && files[index - 1]?.path === file.path) {
      issues.push({ path: file.path, message: 'two template files render to the same path' });
    }
  });
  if (issues.length > 0) throw new TemplateError(issues);
  return { files, answersFile };
}

/**
 * Renders a project: validates the answers against the template's parameters (throws
 * `AnswersValidationError`), applies the file rules, renders `.tmpl` files, copies the others,
 * and adds `.lumenforge/answers.json`. Files are sorted by path, so equal inputs give equal output.
 */
export function renderProject(
  template: TTemplate,
  answersInput: unknown,
  context: TRenderContext,
): TRenderResult {
  const result = validateAnswers(template.manifest.parameters, answersInput);
  if (!result.answers) throw new AnswersValidationError(result.issues);
  return renderValidated(template, result.answers, context);
}
