// Prompt → plan, by reading: the kind from synonym phrases (prompt-reading.ts), the name from
// the words around the kind or "called X", states, events, data, accessibility and density from
// the words used. Never throws; a prompt with nothing recognisable still gets a plan (the closest
// kind) and a summary that says what was understood.
import type { TComponentKind, TComponentPlan, TComponentState, TPlannedProp } from '../types';
import { readKind } from './prompt-reading';
import { KIND_SYNONYMS, pascalCase, wordsOf } from './vocabulary-words';

export { scoreKinds, type TKindScore } from './prompt-reading';

/** Words that describe rather than name a component; left out of generated names. */
const DESCRIPTIVE = new Set([
  'a', 'an', 'the', 'simple', 'small', 'big', 'large', 'nice', 'modern', 'clean', 'beautiful', 'basic',
  'accessible', 'responsive', 'compact', 'dense', 'fast', 'async', 'minimal', 'cool', 'fancy', 'new', 'reusable',
  'my', 'our', 'your', 'some', 'with', 'for', 'and', 'or', 'of', 'to', 'in', 'on', 'that', 'which', 'me', 'i',
  'build', 'create', 'make', 'generate', 'want', 'need', 'please', 'give', 'show', 'us', 'component', 'widget',
  'sortable', 'filterable', 'paginated', 'animated', 'interactive', 'primary', 'secondary', 'red', 'green', 'blue',
  'yellow', 'orange', 'grey', 'gray', 'black', 'white', 'purple', 'pink', 'bold', 'subtle', 'elegant', 'pretty',
  'shows', 'showing', 'let', 'lets', 'allow', 'allows', 'people', 'thing', 'something', 'not', 'without',
]); // prettier-ignore

const DATA_KINDS = new Set<TComponentKind>(['list', 'data-table', 'select', 'radio-group', 'timeline', 'search-box', 'pricing-table', 'stepper', 'tabs', 'accordion', 'breadcrumb', 'sidebar', 'navbar', 'dropdown-menu']);

const KIND_EVENTS: Partial<Record<TComponentKind, Array<[string, string]>>> = {
  button: [['onClick', '() => void']],
  'icon-button': [['onClick', '() => void']],
  input: [['onChange', '(value: string) => void']],
  textarea: [['onChange', '(value: string) => void']],
  select: [['onChange', '(value: string) => void']],
  checkbox: [['onChange', '(checked: boolean) => void']],
  'radio-group': [['onChange', '(value: string) => void']],
  switch: [['onChange', '(checked: boolean) => void']],
  form: [['onSubmit', '(values: Record<string, string>) => void']],
  'search-box': [['onSearch', '(query: string) => void']],
  list: [['onSelect', '(id: string) => void']],
  'data-table': [['onRowSelect', '(row: { id: string }) => void']],
  modal: [['onClose', '() => void']],
  drawer: [['onClose', '() => void']],
  'dropdown-menu': [['onSelect', '(id: string) => void']],
  tabs: [['onChange', '(id: string) => void']],
  toast: [['onDismiss', '() => void']],
  pagination: [['onPageChange', '(page: number) => void']],
  stepper: [['onStepChange', '(step: number) => void']],
  'file-upload': [['onFiles', '(files: File[]) => void']],
  'pricing-table': [['onSelectPlan', '(id: string) => void']],
  card: [],
};

const KIND_ROLES: Partial<Record<TComponentKind, string>> = {
  button: 'button', 'icon-button': 'button', input: 'textbox', textarea: 'textbox', select: 'combobox',
  checkbox: 'checkbox', 'radio-group': 'radiogroup', switch: 'switch', form: 'form', 'search-box': 'search',
  list: 'list', 'data-table': 'table', modal: 'dialog', drawer: 'dialog', 'dropdown-menu': 'menu', tabs: 'tablist',
  toast: 'status', tooltip: 'tooltip', breadcrumb: 'navigation', pagination: 'navigation', navbar: 'navigation',
  sidebar: 'navigation', stat: 'group', avatar: 'img', 'empty-state': 'status', stepper: 'list', timeline: 'list',
  'file-upload': 'button', accordion: 'region', 'pricing-table': 'list', hero: 'banner', card: 'article',
}; // prettier-ignore

const KIND_KEYBOARD: Partial<Record<TComponentKind, string[]>> = {
  button: ['Enter and Space press it'], 'icon-button': ['Enter and Space press it'],
  checkbox: ['Space toggles it'], switch: ['Space toggles it'], 'radio-group': ['Arrow keys move the choice'],
  select: ['Arrow keys change the option'], 'dropdown-menu': ['Enter opens, arrows move, Escape closes'],
  modal: ['Escape closes', 'focus stays inside while open'], drawer: ['Escape closes'], tabs: ['Arrow keys move between tabs'],
  accordion: ['Enter and Space toggle a section'], tooltip: ['shows on focus, Escape hides'],
  'search-box': ['Enter searches, Escape clears'], form: ['Enter submits'], list: ['Tab reaches each item'],
  'data-table': ['Enter sorts a column header'], pagination: ['Tab and Enter change pages'], stepper: ['Tab and Enter move steps'],
  'file-upload': ['Enter and Space open the file picker'], toast: ['Escape dismisses'],
}; // prettier-ignore

/** Props the built-in parts take for a kind, shown in the plan (events are added from KIND_EVENTS). */
const KIND_PROPS: Partial<Record<TComponentKind, Array<[name: string, type: string, description: string]>>> = {
  button: [['label', 'string', 'The text on the button.']],
  'icon-button': [['label', 'string', 'The accessible name.']],
  input: [['label', 'string', 'The visible label.']],
  textarea: [['label', 'string', 'The visible label.']],
  select: [['label', 'string', 'The visible label.']],
  checkbox: [['label', 'string', 'The visible label.']],
  'radio-group': [['label', 'string', 'The group legend.']],
  switch: [['label', 'string', 'The visible label.']],
  'search-box': [['label', 'string', 'The accessible name of the search field.']],
  card: [['title', 'string', 'The heading.'], ['description', 'string', 'The body text.']],
  badge: [['label', 'string', 'The text of the badge.']],
  avatar: [['name', 'string', 'Whose avatar: alt text and initials.']],
  stat: [['label', 'string', 'What the number measures.'], ['value', 'string', 'The figure.']],
  'empty-state': [['title', 'string', 'The heading.']],
  tooltip: [['label', 'string', 'The text of the tooltip.']],
}; // prettier-ignore

function normalise(prompt: string): string {
  return ` ${wordsOf(prompt).join(' ')} `;
}

function nameFrom(prompt: string, phrase: string, kind: TComponentKind): string {
  const called = /\b(?:called|named|name it|call it)\s+["'`]?([A-Za-z][A-Za-z0-9 ]{0,40}?)["'`]?(?:[.,;!]|\s+(?:with|that|for|and|which)\b|$)/i.exec(prompt);
  if (called?.[1]) {
    const explicit = pascalCase(called[1].trim().split(/\s+/));
    if (explicit) return explicit.slice(0, 60);
  }
  const words = wordsOf(prompt);
  const phraseWords = phrase.split(' ').filter(Boolean);
  let start = -1;
  if (phraseWords.length > 0)
    for (let index = 0; index + phraseWords.length <= words.length; index++)
      if (phraseWords.every((word, offset) => words[index + offset] === word)) {
        start = index;
        break;
      }
  const kindWords = kind === 'composition' ? ['page'] : kind.split('-');
  if (start < 0) return pascalCase(kindWords);
  // "login form", "kpi stat": the kind's own noun right after a synonym belongs to the name.
  const kindVocabulary = new Set([...kindWords, ...KIND_SYNONYMS[kind].flatMap((synonym) => synonym.split(' '))]);
  let end = start + phraseWords.length;
  while (end < words.length && end - start < 4 && kindVocabulary.has(words[end] ?? '') && !DESCRIPTIVE.has(words[end] ?? '')) {
    phraseWords.push(words[end] ?? '');
    end++;
  }
  const modifiers: string[] = [];
  for (let index = start - 1; index >= 0 && modifiers.length < 2; index--) {
    const word = words[index] ?? '';
    if (DESCRIPTIVE.has(word) || /^\d/.test(word)) break;
    modifiers.unshift(word);
  }
  const base = phraseWords.length === 1 && phraseWords[0] !== kindWords.join('') && kind !== 'composition' && ['items', 'rows', 'columns', 'confirm', 'figure', 'upload', 'search'].includes(phraseWords[0] ?? '')
    ? kindWords
    : phraseWords;
  // "a list of 1000 contacts" → ContactList: the thing listed names a bare kind.
  const subject = modifiers.length === 0 ? new RegExp(`\\b${phraseWords.join(' ')} of (?:\\d+\\s*k?\\s+)?([a-z]{3,})`).exec(words.join(' '))?.[1] : undefined;
  if (subject && !DESCRIPTIVE.has(subject)) modifiers.push(subject.replace(/(?<=[^s])s$/, ''));
  const name = pascalCase([...modifiers, ...base]);
  return (name || pascalCase(kindWords)).slice(0, 60);
}

function statesFrom(text: string, isAsync: boolean): TComponentState[] {
  const states = new Set<TComponentState>();
  if (/\b(loading|spinner|skeleton|busy|pending|loads?)\b/.test(text) || isAsync) states.add('loading');
  if (/\b(empty|no results|nothing|zero state|no items|no data)\b/.test(text)) states.add('empty');
  if (/\b(errors?|fail(s|ed|ure)?|invalid)\b/.test(text) || isAsync) states.add('error');
  if (/\b(disabled?|disables|read-?only|inactive)\b/.test(text)) states.add('disabled');
  return [...states];
}

function countFrom(text: string): number | null {
  const match = /\b(\d+(?:[.,]\d+)?)\s*(k|thousand|million|m)?\s*(?:\+\s*)?(rows|items|entries|records|users|products|results|options|messages|lines|elements|cards|orders|tasks|files|posts|contacts)\b/.exec(text);
  if (!match?.[1]) {
    if (/\b(thousands|huge|large|big|massive|long) (list|table|dataset|data set|number)/.test(text)) return 1000;
    return null;
  }
  const value = Number.parseFloat(match[1].replace(',', ''));
  const unit = match[2];
  const multiplier = unit === 'k' || unit === 'thousand' ? 1000 : unit === 'million' || unit === 'm' ? 1_000_000 : 1;
  return Math.min(1_000_000, Math.round(value * multiplier));
}

function fieldsFrom(prompt: string): string[] {
  const match = /\b(?:with|showing|shows|has|having|columns?|fields?)\s*:?\s+((?:[a-z][a-z ]*?)(?:,\s*|\s+and\s+)(?:[a-z][a-z ,]*?))(?:\s+(?:columns?|fields?|inputs?)\b|[.;]|$)/i.exec(prompt);
  if (!match?.[1]) return [];
  return match[1]
    .split(/,\s*|\s+and\s+/)
    .map((field) => field.trim().split(/\s+/))
    .filter((words) => words.length > 0 && words.length <= 2)
    .map((words) => {
      const identifier = pascalCase(words);
      return identifier.charAt(0).toLowerCase() + identifier.slice(1);
    })
    .filter((field) => /^[a-z][A-Za-z0-9]*$/.test(field) && !['a', 'an', 'the'].includes(field))
    .slice(0, 8);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Reads a prompt into a plan; see the module comment. */
export function analysePrompt(prompt: string): TComponentPlan {
  const trimmed = prompt.trim().slice(0, 4000);
  const text = normalise(trimmed);
  const isAsync = /\b(async|asynchronous|fetch(es|ed|ing)?|load(s|ed|ing)? from|api|server|remote|endpoint)\b/.test(text);
  const itemCount = countFrom(text);
  const reading = readKind(trimmed, itemCount !== null ? 'list' : 'card');
  const { kind, match, phrase, parts } = reading;
  // A typo ("buton") names nothing: the kind does.
  const isTypo = reading.isTypo;
  const name = (isTypo ? pascalCase(kind.split('-')) : nameFrom(trimmed, phrase, kind)) || 'Component';
  const states = statesFrom(text, isAsync && DATA_KINDS.has(kind));
  const eventProps: TPlannedProp[] = (KIND_EVENTS[kind] ?? []).map(([event, type]) => ({
    name: event,
    type,
    optional: true,
    description: `Called by the ${kind.replace('-', ' ')}.`,
  }));
  const props: TPlannedProp[] = [
    ...(KIND_PROPS[kind] ?? []).map(([propName, type, description]) => ({ name: propName, type, optional: false, description })),
    ...eventProps,
  ];
  const variant = /\b(red|danger|destructive|delete)\b/.test(text) ? 'danger' : /\b(secondary|outline)\b/.test(text) ? 'secondary' : /\b(ghost|subtle)\b/.test(text) ? 'ghost' : null;
  if (variant && (kind === 'button' || kind === 'icon-button'))
    props.push({ name: 'variant', type: "'primary' | 'secondary' | 'ghost' | 'danger'", optional: true, description: 'Its emphasis.', defaultValue: `'${variant}'` });
  const source: TComponentPlan['data']['source'] = isAsync && DATA_KINDS.has(kind) ? 'async' : DATA_KINDS.has(kind) || kind === 'composition' ? 'props' : 'none';
  const density = /\b(compact|dense|condensed|tight|small)\b/.test(text) ? 'compact' : 'comfortable';
  const labels = ['a visible label or an aria-label on every control'];
  if (kind === 'icon-button') labels.unshift('aria-label from the label prop');

  const kindText = kind === 'composition' ? `page combining ${parts.join(', ')}` : kind.replace('-', ' ');
  const understood = [
    `${article(kindText)} ${kindText} named ${name}`,
    states.length === 1 ? `with a ${states[0]} state` : states.length > 1 ? `with ${states.join(', ')} states` : '',
    itemCount !== null ? `for ${itemCount} items` : '',
    source === 'async' ? 'loading its data asynchronously' : '',
    density === 'compact' ? 'in compact density' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const summary =
    match === 'exact'
      ? `Understood: ${understood}.`
      : trimmed === '' || !/[a-z0-9]/i.test(trimmed)
        ? `Nothing recognisable in the prompt; planned the closest general component: ${understood}.`
        : `No known component named in the prompt; closest match${phrase ? ` ("${phrase}")` : ''}: ${understood}.`;

  return {
    name,
    kind,
    summary,
    match,
    props,
    states,
    events: eventProps.map((prop) => prop.name),
    data: { source, itemCount, fields: fieldsFrom(trimmed) },
    accessibility: { role: KIND_ROLES[kind] ?? null, labels, keyboard: KIND_KEYBOARD[kind] ?? [] },
    parts: kind === 'composition' ? parts : [],
    density,
  };
}
