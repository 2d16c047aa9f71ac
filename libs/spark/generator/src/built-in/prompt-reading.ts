// Which kind a prompt asks for, read the way a person writes it: the thing asked for comes first
// ("a notification list …"), its head noun last ("notification" only says what kind of list);
// what follows "with", "that", "for", "of", a comma… describes it ("… with an empty state"), and
// what follows "not", "without", "instead of" is what it must not be ("a list, not a table").
// A page, screen or dashboard whose description names two or more kinds is a composition of them.
import type { TComponentKind } from '../types';
import { COMPONENT_KINDS } from '../types';
import { editDistance, KIND_SYNONYMS, wordsOf } from './vocabulary-words';

export type TKindScore = { kind: TComponentKind; score: number; position: number; phrase: string };

/** One phrase of a kind found in the prompt, over words `[start, end)`. */
type THit = {
  kind: TComponentKind;
  phrase: string;
  start: number;
  end: number;
  /** 2 + its words for a phrase as written; 1.5 for a word one typo away from a one-word phrase. */
  score: number;
  isTypo: boolean;
  /** Before the first describing word: the thing asked for (else a detail of it). */
  inSubject: boolean;
  /** Directly followed by another kind's phrase: it qualifies that one ("notification list"). */
  isModifier: boolean;
  isNegated: boolean;
};

export type TKindReading = {
  kind: TComponentKind;
  /** `exact` when the prompt's subject names the kind (or a composition of kinds). */
  match: 'exact' | 'closest';
  /** The phrase that decided it ('' when nothing matched). */
  phrase: string;
  isTypo: boolean;
  /** For a composition: the kinds it combines, in the prompt's order. */
  parts: TComponentKind[];
};

/** Words that end the subject: what follows describes it. Punctuation ends it too. */
const DESCRIBING = new Set([
  'with', 'that', 'which', 'who', 'where', 'when', 'while', 'showing', 'shows', 'containing', 'including', 'listing',
  'combining', 'featuring', 'having', 'has', 'for', 'of', 'from', 'to', 'under', 'in', 'on', 'at', 'by', 'about',
  'until', 'using', 'called', 'named', 'plus', 'introducing', 'like', 'so', 'inside', 'within', 'into', 'below', 'above',
]); // prettier-ignore
const NEGATING = new Set(['not', 'without', 'instead', 'rather', "don't", 'dont', 'never', 'except', 'excluding']);
/** Words that end a negation's reach ("not a table but a list"). */
const NEGATION_ENDS = new Set(['but', 'just', 'only']);
const VAGUE = new Set(['something', 'thing', 'anything', 'stuff', 'whatever']);
const PUNCTUATION = /^[,;:.!?()"]$/;

const PHRASES: ReadonlyArray<{ kind: TComponentKind; words: string[] }> = COMPONENT_KINDS.flatMap((kind) =>
  [...new Set([kind.replace('-', ' '), ...KIND_SYNONYMS[kind]])].map((phrase) => ({ kind, words: wordsOf(phrase) })),
).filter((phrase) => phrase.words.length > 0);
/** One-word phrases long enough that one typo still names them ("buton" → button). */
const TYPO_PHRASES = PHRASES.filter((phrase) => phrase.words.length === 1 && (phrase.words[0]?.length ?? 0) >= 5);

function tokensOf(prompt: string): string[] {
  return prompt.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z0-9]+(?:[-/'][a-z0-9]+)*|[,;:.!?()"]/g) ?? [];
}

/** Every phrase hit, covered and overlapping ones resolved (the longer, then the earlier, stays). */
function hitsOf(tokens: string[]): THit[] {
  const found: THit[] = [];
  for (const { kind, words } of PHRASES)
    for (let start = 0; start + words.length <= tokens.length; start++)
      if (words.every((word, offset) => tokens[start + offset] === word))
        found.push({ kind, phrase: words.join(' '), start, end: start + words.length, score: 2 + words.length, isTypo: false, inSubject: false, isModifier: false, isNegated: false });
  found.sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: THit[] = [];
  for (const hit of found) if (!kept.some((other) => hit.start < other.end && other.start < hit.end)) kept.push(hit);
  // A typo counts only for a word no phrase covers: "state" beside "empty" is not "stats".
  for (const [index, token] of tokens.entries()) {
    if (token.length < 4 || PUNCTUATION.test(token) || kept.some((hit) => hit.start <= index && index < hit.end)) continue;
    const typo = TYPO_PHRASES.find((phrase) => editDistance(token, phrase.words[0] ?? '', 1) <= 1);
    if (typo) kept.push({ kind: typo.kind, phrase: token, start: index, end: index + 1, score: 1.5, isTypo: true, inSubject: false, isModifier: false, isNegated: false });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Marks each hit's place in the sentence: subject or detail, modifier, negated. */
function placeHits(tokens: string[], hits: THit[]): void {
  const covered = (index: number) => hits.some((hit) => hit.start <= index && index < hit.end);
  let subjectEnd = tokens.length;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    // The subject runs to the first describing word or punctuation after something was named.
    if ((PUNCTUATION.test(token) || DESCRIBING.has(token)) && !covered(index) && hits.some((hit) => hit.end <= index)) {
      subjectEnd = index;
      break;
    }
  }
  let negatedFrom = -1;
  const negatedAt: boolean[] = tokens.map((token, index) => {
    if (PUNCTUATION.test(token) || NEGATION_ENDS.has(token)) negatedFrom = -1;
    else if (NEGATING.has(token) && !covered(index)) negatedFrom = index;
    return negatedFrom >= 0 && negatedFrom < index;
  });
  for (const [position, hit] of hits.entries()) {
    hit.inSubject = hit.start < subjectEnd;
    hit.isNegated = negatedAt[hit.start] === true;
    const next = hits[position + 1];
    hit.isModifier = next !== undefined && next.start === hit.end && next.kind !== hit.kind && next.kind !== 'composition';
  }
}

/** The kind a prompt asks for; see the module comment. */
export function readKind(prompt: string, fallback: TComponentKind): TKindReading {
  const tokens = tokensOf(prompt.slice(0, 4000));
  const hits = hitsOf(tokens);
  placeHits(tokens, hits);
  const wanted = hits.filter((hit) => !hit.isNegated);
  const exact = wanted.filter((hit) => !hit.isTypo);
  const parts = exact
    .filter((hit) => hit.kind !== 'composition' && !hit.isModifier)
    .map((hit) => hit.kind)
    .filter((kind, index, all) => all.indexOf(kind) === index)
    .slice(0, 4);
  const page = wanted.find((hit) => hit.kind === 'composition');
  if (page && parts.length >= (page.inSubject ? 2 : 3))
    return { kind: 'composition', match: 'exact', phrase: page.isTypo ? '' : page.phrase, isTypo: false, parts };

  const things = wanted.filter((hit) => hit.kind !== 'composition');
  // The head noun: the last kind named in the subject ("notification list" is a list); a typo
  // there ("a buton that submits the form") still says what the subject is.
  const subject = things.filter((hit) => hit.inSubject);
  const head = subject.filter((hit) => !hit.isTypo).at(-1) ?? subject.at(-1);
  // "something to pick a date range", "a thing that shows…": the person did not name it either.
  const isVague = tokens.slice(0, head?.start ?? 0).some((token) => VAGUE.has(token));
  if (head) return { kind: head.kind, match: head.isTypo || isVague ? 'closest' : 'exact', phrase: head.phrase, isTypo: head.isTypo, parts: [] };
  const closest = [...things].sort((a, b) => b.score - a.score || a.start - b.start)[0];
  if (closest) return { kind: closest.kind, match: 'closest', phrase: closest.phrase, isTypo: closest.isTypo, parts: [] };
  return { kind: fallback, match: 'closest', phrase: page?.phrase ?? '', isTypo: false, parts: [] };
}

/** Every kind the prompt names, best first (phrase hits score 2 + their words; typos 1.5). */
export function scoreKinds(prompt: string): TKindScore[] {
  const tokens = tokensOf(prompt.slice(0, 4000));
  const best = new Map<TComponentKind, TKindScore>();
  for (const hit of hitsOf(tokens)) {
    const position = tokens.slice(0, hit.start).join(' ').length;
    const current = best.get(hit.kind);
    if (!current || hit.score > current.score) best.set(hit.kind, { kind: hit.kind, score: hit.score, position, phrase: hit.phrase });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.position - b.position);
}
