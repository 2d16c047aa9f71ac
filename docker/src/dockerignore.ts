// .dockerignore matching as BuildKit does it (patterns relative to the context root, `**` for any
// number of directories, `!` re-includes, the last matching pattern wins; a pattern that matches a
// directory excludes everything under it).

function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` anything.
        source += pattern[index + 2] === '/' ? '(?:.*/)?' : '.*';
        index += pattern[index + 2] === '/' ? 2 : 1;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}

export function parseDockerignore(text: string): Array<{ regexp: RegExp; negated: boolean }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      return { regexp: patternToRegExp(pattern), negated };
    });
}

/** True when `path` (relative to the context, `/`-separated) is left out of the build context. */
export function isIgnored(rules: ReturnType<typeof parseDockerignore>, path: string): boolean {
  let ignored = false;
  for (const rule of rules) if (rule.regexp.test(path)) ignored = !rule.negated;
  return ignored;
}
