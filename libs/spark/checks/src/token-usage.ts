// Hard-coded design values in component code. Class lists are found wherever they are written
// (a className, a variants map, a `cn()` call): every string literal is read word by word, and
// words that are Tailwind utilities are held against the token vocabulary. Colours written as
// values (`#fff`, `rgb(…)`), CSS lengths (`12px`, `1.5rem`) and numbers in `style` (React makes
// `padding: 12` 12px) are refused outright: the tokens are the only source of design values.
import ts from 'typescript';
import type { TCheckProblem } from './check-problem';
import { classProblem } from './tailwind-classes';
import type { TTokenVocabulary } from './vocabulary';

const COLOUR_VALUE =
  /(?:^|[\s:(,'"])(#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4}))(?![\w-])|\b((?:rgba?|hsla?|oklch|oklab|lab|lch|hwb|color)\()/i;
const LENGTH_VALUE = /(?<![\w.[-])(-?\d*\.?\d+(?:px|rem|em|pt|vh|vw|ch))(?![\w-])/;
/** A word that could be a Tailwind class: lowercase, digits and Tailwind's punctuation. */
const CLASS_LIKE = /^!?-?[a-z0-9@[\]():/._#%,=&>+*'-]+!?$/;

/** CSS properties React writes without a unit: a number there is not a length. */
const UNITLESS_STYLE_PROPERTIES = new Set([
  'opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'order', 'fontWeight', 'lineHeight',
  'zoom', 'gridColumn', 'gridRow', 'gridColumnStart', 'gridColumnEnd', 'gridRowStart', 'gridRowEnd',
  'aspectRatio', 'scale', 'columnCount', 'tabSize', 'orphans', 'widows', 'animationIterationCount',
  'fillOpacity', 'strokeOpacity', 'floodOpacity', 'stopOpacity', 'WebkitLineClamp', 'lineClamp',
]); // prettier-ignore

function position(sourceFile: ts.SourceFile, pos: number) {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
  return { line: line + 1, column: character + 1 };
}

/** The text of a string literal or of a template's literal parts, with where each part starts. */
function literalParts(node: ts.Node): Array<{ text: string; start: number }> {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return [{ text: node.text, start: node.getStart() + 1 }];
  if (ts.isTemplateExpression(node))
    return [node.head, ...node.templateSpans.map((span) => span.literal)].map((part) => ({
      text: part.text,
      start: part.getStart() + 1,
    }));
  return [];
}

function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent as ts.Node | undefined;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent))
    return parent.moduleSpecifier === node;
  if (ts.isCallExpression(parent)) return parent.expression.kind === ts.SyntaxKind.ImportKeyword;
  return ts.isExternalModuleReference(parent);
}

/** Every hard-coded design value in one file (a component or its stories; tests are not styled). */
export function checkTokenUsage(
  sourceFile: ts.SourceFile,
  file: string,
  vocabulary: TTokenVocabulary,
): TCheckProblem[] {
  const problems: TCheckProblem[] = [];
  const seen = new Set<string>();
  const report = (pos: number, rule: TCheckProblem['rule'], message: string) => {
    const at = position(sourceFile, pos);
    const key = `${at.line}:${at.column}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ rule, file, ...at, message });
  };

  const checkText = (text: string, start: number) => {
    const colour = COLOUR_VALUE.exec(text);
    if (colour) {
      const value = colour[1] ?? colour[2] ?? '';
      report(
        start + text.indexOf(value),
        'token-colour',
        `\`${value}${colour[2] ? '…)' : ''}\` is a hard-coded colour: use a SLATE colour token's utility (e.g. bg-surface, text-accent).`,
      );
    }
    const length = LENGTH_VALUE.exec(text);
    if (length?.[1] && !text.includes('[')) {
      report(
        start + length.index,
        'token-length',
        `\`${length[1]}\` is a hard-coded length: use a SLATE spacing, type or radius token's utility.`,
      );
    }
    let offset = 0;
    for (const word of text.split(/(\s+)/)) {
      if (
        word.trim() !== '' &&
        CLASS_LIKE.test(word) &&
        (word.includes('-') || word.includes('[') || word === 'rounded')
      ) {
        const problem = classProblem(word, vocabulary);
        if (problem) report(start + offset, problem.rule, problem.message);
      }
      offset += word.length;
    }
  };

  const checkStyleObject = (object: ts.ObjectLiteralExpression) => {
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name =
        ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : '';
      const value = property.initializer;
      const isNumber =
        ts.isNumericLiteral(value) ||
        (ts.isPrefixUnaryExpression(value) && ts.isNumericLiteral(value.operand));
      if (
        isNumber &&
        value.getText() !== '0' &&
        !name.startsWith('--') &&
        !UNITLESS_STYLE_PROPERTIES.has(name)
      )
        report(
          value.getStart(),
          'token-length',
          `\`${name}: ${value.getText()}\` is a hard-coded length (React adds px): use a SLATE token's utility or var(--…).`,
        );
    }
  };

  const visit = (node: ts.Node) => {
    if (
      ts.isJsxAttribute(node) &&
      node.name.getText() === 'style' &&
      node.initializer &&
      ts.isJsxExpression(node.initializer)
    ) {
      const expression = node.initializer.expression;
      if (expression && ts.isObjectLiteralExpression(expression)) checkStyleObject(expression);
    }
    if (!isModuleSpecifier(node)) for (const part of literalParts(node)) checkText(part.text, part.start);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
