// Models asked for JSON answer with prose around it, in ```json fences, with trailing commas or
// `//` comments. These repairs are the ones that keep the meaning; anything else is rejected.

/** The first balanced `{…}` in text (strings and escapes respected), or null. */
export function firstJsonObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start === -1) return null;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return null;
}

/** Removes `//` and `/* *\/` comments and commas before `}` or `]`, outside strings. */
function withoutCommentsAndTrailingCommas(json: string): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < json.length; index += 1) {
    const char = json[index] as string;
    if (inString) {
      out += char;
      if (char === '\\') {
        out += json[index + 1] ?? '';
        index += 1;
      } else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && json[index + 1] === '/') {
      while (index < json.length && json[index] !== '\n') index += 1;
      out += '\n';
    } else if (char === '/' && json[index + 1] === '*') {
      const end = json.indexOf('*/', index + 2);
      index = end === -1 ? json.length : end + 1;
    } else if (char === ',') {
      const rest = json.slice(index + 1);
      if (!/^\s*[}\]]/.test(rest)) out += char;
    } else out += char;
  }
  return out;
}

/**
 * The JSON object a model answered with: the text as is, else the inside of its first fenced
 * block, else its first balanced object; each tried as is and without comments/trailing commas.
 * Returns the parsed value and which repairs it needed, or an error saying why none worked.
 */
export function parseModelJson(
  text: string,
): { ok: true; value: unknown; repairs: string[] } | { ok: false; reason: string } {
  const fenced = /```[a-zA-Z]*\s*\n([\s\S]*?)```/.exec(text)?.[1];
  const candidates: { json: string; repair: string | null }[] = [{ json: text.trim(), repair: null }];
  if (fenced !== undefined) candidates.push({ json: fenced.trim(), repair: 'removed the code fence' });
  const object = firstJsonObject(fenced ?? text) ?? firstJsonObject(text);
  if (object) candidates.push({ json: object, repair: 'took the first JSON object from the text' });
  for (const candidate of candidates) {
    for (const cleaned of [false, true]) {
      const json = cleaned ? withoutCommentsAndTrailingCommas(candidate.json) : candidate.json;
      try {
        const value: unknown = JSON.parse(json);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
        const repairs = [candidate.repair, cleaned ? 'removed comments and trailing commas' : null].filter(
          (repair): repair is string => repair !== null,
        );
        return { ok: true, value, repairs };
      } catch {
        // try the next candidate
      }
    }
  }
  return {
    ok: false,
    reason: object ? 'its JSON object does not parse' : 'the answer contains no JSON object',
  };
}
