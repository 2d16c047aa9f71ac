/** The JetStream stream's subjects: every platform event. */
export const WISSIL_STREAM_SUBJECTS = ['wissil.>'] as const;

/**
 * Whether a subscription pattern is valid NATS syntax: non-empty dot-separated tokens, `*` and `>`
 * only as whole tokens, `>` only last.
 */
export function isValidSubjectPattern(pattern: string): boolean {
  if (pattern === '' || /\s/.test(pattern)) return false;
  const tokens = pattern.split('.');
  return tokens.every((token, index) => {
    if (token === '') return false;
    if (token === '>') return index === tokens.length - 1;
    return token === '*' || !/[*>]/.test(token);
  });
}

/**
 * NATS subject matching, so the PostgreSQL transport routes exactly like NATS: `*` matches one
 * token, a trailing `>` one or more tokens, anything else the same token. `wissil.>` does not match
 * `wissil`. An invalid pattern or subject matches nothing.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  if (!isValidSubjectPattern(pattern) || subject === '' || /\s/.test(subject)) return false;
  const patternTokens = pattern.split('.');
  const subjectTokens = subject.split('.');
  if (subjectTokens.some((token) => token === '')) return false;
  for (const [index, token] of patternTokens.entries()) {
    if (token === '>') return subjectTokens.length > index;
    const subjectToken = subjectTokens[index];
    if (subjectToken === undefined) return false;
    if (token !== '*' && token !== subjectToken) return false;
  }
  return patternTokens.length === subjectTokens.length;
}
