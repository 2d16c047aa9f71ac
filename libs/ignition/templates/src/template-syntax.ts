/**
 * The text template syntax: a logic-less subset of Handlebars, enough for project files.
 *
 * - `{{answers.name}}` writes a value as is (no HTML escaping: the output is code, not markup);
 *   `{{json answers.description}}` writes it as a JSON literal (safe inside JSON, JS and YAML).
 * - `{{#if expr}}…{{else}}…{{/if}}`, `{{#unless expr}}…{{/unless}}`, `{{#each list}}…{{else}}…{{/each}}`
 *   with `this`, `this.field`, `@index`, `@first`, `@last` inside the loop.
 * - `{{! a comment }}`; `\{{` writes a literal `{{` (GitHub Actions' `${{ … }}`, JSX's `style={{…}}`).
 * - A block tag or comment alone on its line removes the whole line, as in Handlebars.
 */
import {
  evaluateExpression,
  expressionPaths,
  isTruthy,
  parseExpression,
  TemplateSyntaxError,
  type TExpression,
  type TScope,
} from './expression';

export type TTemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'output'; helper: 'json' | null; expression: TExpression }
  | {
      kind: 'if';
      negate: boolean;
      expression: TExpression;
      then: TTemplateNode[];
      otherwise: TTemplateNode[];
    }
  | { kind: 'each'; expression: TExpression; body: TTemplateNode[]; otherwise: TTemplateNode[] };

type TPiece =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; body: string; offset: number; bodyOffset: number; standalone: boolean };

const BLOCK_TAG = /^(?:[#/!]|else$)/;

function scan(source: string): TPiece[] {
  const pieces: TPiece[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open < 0) {
      text += source.slice(index);
      break;
    }
    if (open > 0 && source[open - 1] === '\\') {
      text += source.slice(index, open - 1) + '{{';
      index = open + 2;
      continue;
    }
    const close = source.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateSyntaxError('"{{" is never closed by "}}"', open);
    text += source.slice(index, open);
    pieces.push({ kind: 'text', text });
    text = '';
    const raw = source.slice(open + 2, close);
    const leading = raw.length - raw.trimStart().length;
    pieces.push({
      kind: 'tag',
      body: raw.trim(),
      offset: open,
      bodyOffset: open + 2 + leading,
      standalone: false,
    });
    index = close + 2;
  }
  pieces.push({ kind: 'text', text });
  return stripStandaloneLines(pieces);
}

/** Removes the line of a block tag or comment that stands alone on it (decided on the original text). */
function stripStandaloneLines(pieces: TPiece[]): TPiece[] {
  const cuts = pieces.map((piece) => ({ start: 0, end: piece.kind === 'text' ? piece.text.length : 0 }));
  pieces.forEach((piece, index) => {
    if (piece.kind !== 'tag' || !BLOCK_TAG.test(piece.body)) return;
    const before = pieces[index - 1];
    const after = pieces[index + 1];
    if (before?.kind !== 'text' || after?.kind !== 'text') return;
    const lastNewline = before.text.lastIndexOf('\n');
    const isLineStart = lastNewline >= 0 || index === 1;
    const firstNewline = after.text.indexOf('\n');
    const isLineEnd = firstNewline >= 0 || index === pieces.length - 2;
    const headBefore = before.text.slice(lastNewline + 1);
    const tailAfter = firstNewline >= 0 ? after.text.slice(0, firstNewline) : after.text;
    if (!isLineStart || !isLineEnd || headBefore.trim() !== '' || tailAfter.trim() !== '') return;
    piece.standalone = true;
    const beforeCut = cuts[index - 1];
    const afterCut = cuts[index + 1];
    if (beforeCut) beforeCut.end = Math.min(beforeCut.end, lastNewline + 1);
    if (afterCut)
      afterCut.start = Math.max(afterCut.start, firstNewline >= 0 ? firstNewline + 1 : after.text.length);
  });
  return pieces.map((piece, index) => {
    const cut = cuts[index];
    if (piece.kind !== 'text' || !cut) return piece;
    return { kind: 'text', text: piece.text.slice(cut.start, Math.max(cut.start, cut.end)) };
  });
}

type TOpenBlock = {
  name: 'if' | 'unless' | 'each';
  node: Extract<TTemplateNode, { kind: 'if' | 'each' }>;
  offset: number;
  inElse: boolean;
};

/** Parses a template; throws `TemplateSyntaxError` (with the offset of the faulty tag). */
export function parseTemplate(source: string): TTemplateNode[] {
  const root: TTemplateNode[] = [];
  const stack: TOpenBlock[] = [];
  const target = (): TTemplateNode[] => {
    const open = stack.at(-1);
    if (!open) return root;
    if (open.node.kind === 'if') return open.inElse ? open.node.otherwise : open.node.then;
    return open.inElse ? open.node.otherwise : open.node.body;
  };
  for (const piece of scan(source)) {
    if (piece.kind === 'text') {
      if (piece.text) target().push({ kind: 'text', text: piece.text });
      continue;
    }
    const { body, offset, bodyOffset } = piece;
    if (body.startsWith('!')) continue;
    const block = /^#(if|unless|each)\s+(.*)$/s.exec(body);
    if (block) {
      const name = block[1] as TOpenBlock['name'];
      const expression = parseExpression(block[2] ?? '', bodyOffset + body.indexOf(block[2] ?? '', 1));
      const node: TOpenBlock['node'] =
        name === 'each'
          ? { kind: 'each', expression, body: [], otherwise: [] }
          : { kind: 'if', negate: name === 'unless', expression, then: [], otherwise: [] };
      target().push(node);
      stack.push({ name, node, offset, inElse: false });
      continue;
    }
    if (/^#/.test(body)) throw new TemplateSyntaxError(`unknown block "${body.split(/\s/)[0]}"`, offset);
    if (body === 'else') {
      const open = stack.at(-1);
      if (!open || open.inElse)
        throw new TemplateSyntaxError('"{{else}}" outside an if, unless or each block', offset);
      open.inElse = true;
      continue;
    }
    const close = /^\/(\w+)$/.exec(body);
    if (close) {
      const open = stack.pop();
      if (!open) throw new TemplateSyntaxError(`"{{/${close[1]}}}" closes no block`, offset);
      if (open.name !== close[1]) {
        throw new TemplateSyntaxError(`"{{/${close[1]}}}" closes "{{#${open.name}}}"`, offset);
      }
      continue;
    }
    if (/^\//.test(body)) throw new TemplateSyntaxError(`malformed closing tag "{{${body}}}"`, offset);
    const json = /^json\s+(.*)$/s.exec(body);
    const source = json ? (json[1] ?? '') : body;
    const expression = parseExpression(source, bodyOffset + (json ? body.indexOf(source, 4) : 0));
    target().push({ kind: 'output', helper: json ? 'json' : null, expression });
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new TemplateSyntaxError(`"{{#${unclosed.name}}}" is never closed`, unclosed.offset);
  return root;
}

function formatValue(value: unknown, helper: 'json' | null): string {
  if (helper === 'json') return JSON.stringify(value ?? null);
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function renderNodes(nodes: TTemplateNode[], scope: TScope): string {
  let output = '';
  for (const node of nodes) {
    if (node.kind === 'text') output += node.text;
    else if (node.kind === 'output')
      output += formatValue(evaluateExpression(node.expression, scope), node.helper);
    else if (node.kind === 'if') {
      const isMet = isTruthy(evaluateExpression(node.expression, scope)) !== node.negate;
      output += renderNodes(isMet ? node.then : node.otherwise, scope);
    } else {
      const value = evaluateExpression(node.expression, scope);
      const items = Array.isArray(value) ? value : [];
      if (items.length === 0) output += renderNodes(node.otherwise, scope);
      items.forEach((item, index) => {
        output += renderNodes(node.body, {
          ...scope,
          frames: [...scope.frames, { item, index, length: items.length }],
        });
      });
    }
  }
  return output;
}

/** Renders a parsed template against data (the answers, project, template and tokens objects). */
export function renderTemplate(nodes: TTemplateNode[], data: Record<string, unknown>): string {
  return renderNodes(nodes, { data, frames: [] });
}

/** Every path the template reads outside `#each` item references (`this`, `@index`…). */
export function templatePaths(nodes: TTemplateNode[]): string[][] {
  return nodes.flatMap((node): string[][] => {
    if (node.kind === 'text') return [];
    if (node.kind === 'output') return expressionPaths(node.expression);
    if (node.kind === 'if') {
      return [
        ...expressionPaths(node.expression),
        ...templatePaths(node.then),
        ...templatePaths(node.otherwise),
      ];
    }
    return [
      ...expressionPaths(node.expression),
      ...templatePaths(node.body),
      ...templatePaths(node.otherwise),
    ];
  });
}

/** `offset` in `source` as a 1-based line and column. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
