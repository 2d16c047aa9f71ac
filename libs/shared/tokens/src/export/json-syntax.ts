/** Where a JSON text first breaks the grammar (RFC 8259), for error messages with line and column. */

export type TJsonSyntaxError = { offset: number; line: number; column: number; message: string };

/** 1-based line and column of a character offset (a column counts UTF-16 code units). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** A validating scanner: no values are built, it only finds the first offending character. */
function scan(text: string): void {
  let at = 0;
  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxFailure(offset, message);
  };
  const describe = () => (at >= text.length ? 'end of input' : `${JSON.stringify(text[at])}`);
  const skipWhitespace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at += 1;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[at] !== char) fail(`Unexpected ${describe()}, expected ${JSON.stringify(literal)}`);
      at += 1;
    }
  };
  const string = () => {
    const start = at;
    at += 1; // the opening quote
    for (;;) {
      if (at >= text.length) fail('Unterminated string', start);
      const char = text[at] as string;
      if (char === '"') {
        at += 1;
        return;
      }
      if (char.charCodeAt(0) < 0x20) fail('Control character in a string (escape it)');
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('Invalid \\u escape');
          at += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          at += 2;
        } else {
          fail('Invalid escape in a string');
        }
      } else {
        at += 1;
      }
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match || match[0] === '-' || match[0].length === 0) fail(`Unexpected ${describe()}`);
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[at];
    if (char === '{') {
      at += 1;
      skipWhitespace();
      if (text[at] === '}') {
        at += 1;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[at] !== '"') fail(`Unexpected ${describe()}, expected a property name in double quotes`);
        string();
        skipWhitespace();
        if (text[at] !== ':') fail(`Unexpected ${describe()}, expected ":"`);
        at += 1;
        value();
        skipWhitespace();
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        if (text[at] === '}') {
          at += 1;
          return;
        }
        fail(`Unexpected ${describe()}, expected "," or "}"`);
      }
    }
    if (char === '[') {
      at += 1;
      skipWhitespace();
      if (text[at] === ']') {
        at += 1;
        return;
      }
      for (;;) {
        value();
        skipWhitespace();
        if (text[at] === ',') {
          at += 1;
          continue;
        }
        if (text[at] === ']') {
          at += 1;
          return;
        }
        fail(`Unexpected ${describe()}, expected "," or "]"`);
      }
    }
    if (char === '"') return string();
    if (char === 't') return expect('true');
    if (char === 'f') return expect('false');
    if (char === 'n') return expect('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail(`Unexpected ${describe()}, expected a value`);
  };
  value();
  skipWhitespace();
  if (at < text.length) fail(`Unexpected ${describe()} after the end of the JSON value`);
}

/** The first syntax error of `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxError(text: string): TJsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntaxFailure)) throw error;
    return { offset: error.offset, ...lineColumn(text, error.offset), message: error.message };
  }
}
