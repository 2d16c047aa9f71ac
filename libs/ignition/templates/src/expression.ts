/**
 * The expression language of templates (`{{#if answers.e2e && !answers.minimal}}`, a file rule's
 * `when`): paths, literals, `!`, `&&`, `||`, `==`, `!=` and parentheses. Parsed into a tree and
 * evaluated by walking it: no `eval`, and a path only reads own properties (never `constructor`).
 */

export type TExpression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; segments: string[] }
  | { kind: 'not'; operand: TExpression }
  | { kind: 'binary'; operator: '&&' | '||' | '==' | '!='; left: TExpression; right: TExpression };

/** A template or expression that does not parse; `offset` is the character index in the source. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

type TToken = {
  type: 'op' | 'string' | 'number' | 'word';
  text: string;
  value?: string | number;
  offset: number;
};

const OPERATORS = ['&&', '||', '==', '!=', '!', '(', ')'];
const WORD = /^[@A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$-]*)*/;
const NUMBER = /^-?\d+(?:\.\d+)?/;

function tokenize(source: string, baseOffset: number): TToken[] {
  const tokens: TToken[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const offset = baseOffset + index;
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (operator) {
      tokens.push({ type: 'op', text: operator, offset });
      index += operator.length;
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end < 0) throw new TemplateSyntaxError('unterminated string', offset);
      tokens.push({ type: 'string', text: rest.slice(0, end + 1), value: rest.slice(1, end), offset });
      index += end + 1;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]), offset });
      index += number[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      tokens.push({ type: 'word', text: word[0], offset });
      index += word[0].length;
      continue;
    }
    throw new TemplateSyntaxError(`unexpected character "${rest[0]}"`, offset);
  }
  return tokens;
}

/** Parses an expression; `baseOffset` places error offsets in the enclosing template. */
export function parseExpression(source: string, baseOffset = 0): TExpression {
  const tokens = tokenize(source, baseOffset);
  let position = 0;
  const peek = () => tokens[position];
  const endOffset = baseOffset + source.length;

  const parseOr = (): TExpression => {
    let left = parseAnd();
    while (peek()?.text === '||') {
      position += 1;
      left = { kind: 'binary', operator: '||', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): TExpression => {
    let left = parseUnary();
    while (peek()?.text === '&&') {
      position += 1;
      left = { kind: 'binary', operator: '&&', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): TExpression => {
    if (peek()?.text === '!') {
      position += 1;
      return { kind: 'not', operand: parseUnary() };
    }
    const left = parsePrimary();
    const operator = peek()?.text;
    if (operator === '==' || operator === '!=') {
      position += 1;
      return { kind: 'binary', operator, left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): TExpression => {
    const token = peek();
    if (!token) throw new TemplateSyntaxError('expression ends too early', endOffset);
    position += 1;
    if (token.text === '(') {
      const inner = parseOr();
      if (peek()?.text !== ')') throw new TemplateSyntaxError('missing ")"', peek()?.offset ?? endOffset);
      position += 1;
      return inner;
    }
    if (token.type === 'string' || token.type === 'number')
      return { kind: 'literal', value: token.value ?? null };
    if (token.type === 'word') {
      if (token.text === 'true' || token.text === 'false')
        return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      return { kind: 'path', segments: token.text.split('.') };
    }
    throw new TemplateSyntaxError(`unexpected "${token.text}"`, token.offset);
  };

  if (tokens.length === 0) throw new TemplateSyntaxError('empty expression', baseOffset);
  const expression = parseOr();
  const extra = peek();
  if (extra) throw new TemplateSyntaxError(`unexpected "${extra.text}"`, extra.offset);
  return expression;
}

/** The scope a template is evaluated in: the root data and the `#each` frames around the tag. */
export type TScope = {
  data: Record<string, unknown>;
  frames: { item: unknown; index: number; length: number }[];
};

function readPath(segments: string[], scope: TScope): unknown {
  const [head, ...rest] = segments;
  const frame = scope.frames.at(-1);
  let value: unknown;
  if (head === 'this') value = frame?.item;
  else if (head === '@index') value = frame?.index;
  else if (head === '@first') value = frame ? frame.index === 0 : undefined;
  else if (head === '@last') value = frame ? frame.index === frame.length - 1 : undefined;
  else value = head !== undefined && Object.hasOwn(scope.data, head) ? scope.data[head] : undefined;
  for (const segment of rest) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Handlebars' truthiness: like JavaScript's, except that an empty list is false. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export function evaluateExpression(expression: TExpression, scope: TScope): unknown {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'path':
      return readPath(expression.segments, scope);
    case 'not':
      return !isTruthy(evaluateExpression(expression.operand, scope));
    case 'binary': {
      const left = evaluateExpression(expression.left, scope);
      if (expression.operator === '&&')
        return isTruthy(left) ? evaluateExpression(expression.right, scope) : left;
      if (expression.operator === '||')
        return isTruthy(left) ? left : evaluateExpression(expression.right, scope);
      const right = evaluateExpression(expression.right, scope);
      return expression.operator === '==' ? left === right : left !== right;
    }
  }
}

/** Every path an expression reads (for checking that a template only names known answers). */
export function expressionPaths(expression: TExpression): string[][] {
  switch (expression.kind) {
    case 'literal':
      return [];
    case 'path':
      return [expression.segments];
    case 'not':
      return expressionPaths(expression.operand);
    case 'binary':
      return [...expressionPaths(expression.left), ...expressionPaths(expression.right)];
  }
}
