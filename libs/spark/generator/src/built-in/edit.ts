// Follow-up edits ("add a loading state", "make it compact", "rename it to SaveButton"): the
// instruction becomes changes to the plan (and to the look), and the chosen variation is rebuilt
// from it deterministically, so the diff shows exactly what the edit did. A component written by
// hand gets a plan inferred from its source first, and a notice that it was rebuilt from it.
import type { TComponentPlan, TComponentState, TEditRequest, TEditResult, TGeneratedFiles, TGenerationContext, TPlannedProp } from '../types';
import { COMPONENT_STATES } from '../types';
import { analysePrompt, scoreKinds } from './analyse';
import { designStyle } from './design-style';
import { mergeEdit } from '../merge-edit';
import { buildVariations, validPlan } from './pipeline';
import { humanise } from './part-kit';
import { editDistance, pascalCase, wordsOf } from './vocabulary-words';

type TDraft = { plan: TComponentPlan; variation: number; changes: string[]; notices: string[] };

const NEGATION = /\b(remove|without|drop|delete|no longer|get rid of|don't|do not|hide|take out|no)\b/;
const STATE_WORDS: Record<TComponentState, RegExp> = {
  loading: /\b(loading|spinner|busy|pending|skeleton)\b/,
  empty: /\b(empty|no results|nothing to show|zero state)\b/,
  error: /\b(error|errors|failure|failed)\b/,
  disabled: /\b(disabled|disable|read-?only|inactive)\b/,
};
const STYLE_WORDS: ReadonlyArray<readonly [RegExp, number, string]> = [
  [/\b(outlined?|bordered|flat|borders?)\b/, 0, 'outlined'],
  [/\b(bold(er)?|raised|shadows?|elevated|pop|stand out|prominent|stronger)\b/, 1, 'raised'],
  [/\b(subtle|quiet(er)?|minimal|muted|soft(er)?|calm(er)?|understated)\b/, 2, 'subtle'],
];
const TONE_WORDS: ReadonlyArray<readonly [RegExp, string, string]> = [
  [/\b(danger|red|destructive|warning red|delete)\b/, 'danger', 'danger'],
  [/\b(secondary|outline)\b/, 'secondary', 'neutral'],
  [/\b(ghost|text only|link-like)\b/, 'ghost', 'neutral'],
  [/\b(primary|accent|brand|blue|main)\b/, 'primary', 'accent'],
  [/\b(success|green|positive)\b/, 'primary', 'success'],
  [/\b(warning|yellow|orange|amber)\b/, 'secondary', 'warning'],
];
/** Words an instruction is matched against when nothing matched: typos of these are forgiven. */
const TRIGGER_WORDS = ['compact', 'comfortable', 'spacious', 'loading', 'empty', 'error', 'disabled', 'rename', 'accessible', 'danger', 'secondary', 'subtle', 'raised', 'outlined', 'remove', 'prop', 'async'];

function setDefault(plan: TComponentPlan, name: string, type: string, value: string): TComponentPlan {
  const existing = plan.props.find((prop) => prop.name === name);
  const prop: TPlannedProp = existing ? { ...existing, defaultValue: value } : { name, type, optional: true, description: `Chosen by a follow-up edit.`, defaultValue: value };
  return { ...plan, props: existing ? plan.props.map((candidate) => (candidate.name === name ? prop : candidate)) : [...plan.props, prop] };
}

function typeForProp(name: string, written: string | undefined): string {
  const type = written?.trim();
  if (type && /^[A-Za-z'"|&\s[\]<>(),.:=>0-9?]+$/.test(type) && type.length < 120) return type;
  if (/^on[A-Z]/.test(name)) return '() => void';
  if (/^(is|has|can|should|show)[A-Z]/.test(name)) return 'boolean';
  if (/(count|size|max|min|total|limit|index)$/i.test(name)) return 'number';
  return 'string';
}

/** Applies every edit the instruction asks for to the draft; returns whether any applied. */
function applyInstruction(instruction: string, draft: TDraft): boolean {
  const text = ` ${instruction.toLowerCase()} `;
  const before = draft.changes.length;
  let plan = draft.plan;
  const isNegated = NEGATION.test(text);

  const rename = /\b(?:rename(?: it)?(?: to)?|call it|name it)\s+["'`]?([A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9]*){0,3})/i.exec(instruction);
  if (rename?.[1]) {
    const name = pascalCase(rename[1].split(/\s+/));
    if (name && name !== plan.name) {
      draft.changes.push(`renamed ${plan.name} to ${name}`);
      plan = { ...plan, name };
    }
  }

  const addProp = /\badd (?:an? )?(?:optional |required )?(?:prop(?:erty)? (?:called |named )?)?["'`]?([A-Za-z_$][\w$]*)["'`]?(?: prop(?:erty)?)?(?:\s*:\s*|\s+of type\s+)?([^,.;]*)?/i.exec(instruction);
  if (addProp?.[1] && /\bprop/.test(text) && !/^(an?|the|prop|property)$/i.test(addProp[1])) {
    const name = addProp[1];
    if (!plan.props.some((prop) => prop.name === name)) {
      const type = typeForProp(name, /\bprop(?:erty)?\b.*(?::|of type)/i.test(instruction) ? addProp[2] : undefined);
      const isEvent = /^on[A-Z]/.test(name);
      plan = {
        ...plan,
        props: [...plan.props, { name, type, optional: !/\brequired\b/.test(text), description: `${humanise(name)}, added by a follow-up edit.` }],
        events: isEvent ? [...plan.events, name] : plan.events,
      };
      draft.changes.push(`added the prop ${name}: ${type}`);
    }
  }
  const removeProp = /\bremove (?:the )?["'`]?([A-Za-z_$][\w$]*)["'`]? prop/i.exec(instruction);
  if (removeProp?.[1] && plan.props.some((prop) => prop.name === removeProp[1])) {
    const name = removeProp[1];
    plan = { ...plan, props: plan.props.filter((prop) => prop.name !== name), events: plan.events.filter((event) => event !== name) };
    draft.changes.push(`removed the prop ${name}`);
  }

  for (const state of COMPONENT_STATES) {
    if (!STATE_WORDS[state].test(text)) continue;
    if (isNegated && plan.states.includes(state)) {
      plan = { ...plan, states: plan.states.filter((candidate) => candidate !== state) };
      draft.changes.push(`removed the ${state} state`);
    } else if (!isNegated && !plan.states.includes(state)) {
      plan = { ...plan, states: [...plan.states, state] };
      draft.changes.push(`added ${state === 'error' || state === 'empty' ? 'an' : 'a'} ${state} state with its test and story`);
    } else draft.notices.push(`It ${isNegated ? 'has no' : 'already has a'} ${state} state.`);
  }

  if (/\b(compact|dense|denser|tighter|smaller|condensed)\b/.test(text) && !isNegated) {
    if (plan.density !== 'compact') draft.changes.push('made it compact: smaller padding, gaps and type');
    else draft.notices.push('It is already compact.');
    plan = { ...plan, density: 'compact' };
  } else if (/\b(comfortable|spacious|roomy|bigger|larger|more space|more padding|less compact)\b/.test(text)) {
    if (plan.density !== 'comfortable') draft.changes.push('made it comfortable: more padding and space');
    else draft.notices.push('It is already comfortable.');
    plan = { ...plan, density: 'comfortable' };
  }

  for (const [pattern, variant, tone] of TONE_WORDS) {
    if (!pattern.test(text)) continue;
    if (plan.kind === 'button' || plan.kind === 'icon-button') {
      plan = setDefault(plan, 'variant', "'primary' | 'secondary' | 'ghost' | 'danger'", `'${variant}'`);
      draft.changes.push(`set the default variant to ${variant}`);
    } else if (plan.kind === 'badge') {
      plan = setDefault(plan, 'tone', "'neutral' | 'accent' | 'success' | 'warning' | 'danger'", `'${tone}'`);
      draft.changes.push(`set the default tone to ${tone}`);
    } else continue;
    break;
  }
  for (const [pattern, index, label] of STYLE_WORDS)
    if (pattern.test(text) && draft.variation !== index) {
      draft.variation = index;
      draft.changes.push(`switched to the ${label} look (${designStyle(plan, index).label})`);
      break;
    }

  if (/\b(async|asynchronous|fetch|from (an|the) api|from (a|the) server|load (it|them|the \w+) from)\b/.test(text) && !isNegated && plan.data.source !== 'async') {
    plan = { ...plan, data: { ...plan.data, source: 'async' }, states: [...new Set<TComponentState>([...plan.states, 'loading', 'error'])] };
    draft.changes.push('loads its data asynchronously, with loading and error states');
  }
  const count = /\b(\d+)\s*(k)?\s+(items|rows|entries|results|options|records)\b/.exec(text);
  if (count?.[1]) {
    const itemCount = Number(count[1]) * (count[2] ? 1000 : 1);
    plan = { ...plan, data: { ...plan.data, itemCount } };
    draft.changes.push(`planned for ${itemCount} items${itemCount > 100 ? ' (windowed rendering)' : ''}`);
  }

  if (/\b(accessible|accessibility|a11y|screen readers?|aria|keyboard)\b/.test(text)) {
    const defaults = analysePrompt(plan.kind.replace('-', ' ')).accessibility;
    const keyboard = [...new Set([...plan.accessibility.keyboard, ...defaults.keyboard])];
    const labels = [...new Set([...plan.accessibility.labels, ...defaults.labels])];
    const added = keyboard.length - plan.accessibility.keyboard.length + labels.length - plan.accessibility.labels.length;
    plan = { ...plan, accessibility: { role: plan.accessibility.role ?? defaults.role, labels, keyboard } };
    if (added > 0) draft.changes.push(`planned the accessibility it needs: ${[...keyboard, ...labels].join('; ')}`);
    draft.notices.push('Every built-in component has an accessible name, native keyboard behaviour and roles; its tests check them.');
  }

  const kindChange = /\b(?:make it|turn it into|change it (?:in)?to|convert it (?:in)?to|instead use|use)\s+an?\s+([a-z][a-z -]{2,30})/.exec(text);
  if (kindChange?.[1]) {
    const best = scoreKinds(kindChange[1]).find((score) => score.score >= 3 && score.kind !== 'composition');
    if (best && best.kind !== plan.kind) {
      const fresh = analysePrompt(`${humanise(plan.name)} ${best.phrase}`);
      plan = { ...plan, kind: best.kind, props: fresh.props, events: fresh.events, accessibility: fresh.accessibility, match: 'exact' };
      draft.changes.push(`turned it into ${best.kind === 'icon-button' || best.kind === 'input' ? 'an' : 'a'} ${best.kind.replace('-', ' ')}`);
    }
  }

  draft.plan = plan;
  return draft.changes.length > before;
}

/** The look a component was generated with, from the classes it uses. */
export function detectVariation(source: string): number {
  let best = 0;
  let bestScore = -1;
  for (let index = 0; index < 3; index++) {
    const style = designStyle({ density: 'comfortable' }, index);
    const signature = [style.panel, style.primaryButton, style.field, style.secondaryButton];
    const score = signature.filter((classes) => source.includes(classes)).length * 10 + signature.join(' ').split(' ').filter((word) => source.includes(word)).length;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

/** A best-effort plan for a component written by hand: its name, props, states and events. */
export function inferPlan(files: TGeneratedFiles): TComponentPlan {
  const base = analysePrompt(`${humanise(files.name)} ${/<(button|input|textarea|select|table|ul|ol|form)\b/.exec(files.source)?.[1] ?? ''}`);
  const block = new RegExp(`type\\s+${files.name}Props\\s*=\\s*\\{([\\s\\S]*?)\\n\\}`).exec(files.source)?.[1] ?? '';
  const props: TPlannedProp[] = [];
  for (const match of block.matchAll(/^\s*([A-Za-z_$][\w$]*)(\?)?\s*:\s*([^;\n]+);?/gm)) {
    const [, name = '', optional, type = 'unknown'] = match;
    props.push({ name, type: type.trim(), optional: optional === '?', description: `${humanise(name)} (from the source).` });
  }
  const names = new Set(props.map((prop) => prop.name));
  const states = COMPONENT_STATES.filter((state) =>
    state === 'loading' ? names.has('isLoading') : state === 'empty' ? names.has('isEmpty') || names.has('emptyMessage') : names.has(state),
  );
  return {
    ...base,
    name: files.name,
    summary: `Inferred from the hand-written source of ${files.name}: ${base.kind.replace('-', ' ')}.`,
    props: props.length > 0 ? props : base.props,
    events: props.length > 0 ? props.filter((prop) => /^on[A-Z]/.test(prop.name)).map((prop) => prop.name) : base.events,
    states: [...new Set([...base.states, ...states])],
  };
}

/** Applies a follow-up instruction; see the module comment. Never throws for an instruction it does not understand. */
export function editComponent(request: TEditRequest, context: TGenerationContext): TEditResult {
  const notices: string[] = [];
  let plan = request.plan;
  if (!plan) {
    plan = inferPlan(request.files);
    notices.push(`${request.files.name} was written by hand: the edit rebuilt it from a plan inferred from its source (${plan.kind.replace('-', ' ')}, props ${plan.props.map((prop) => prop.name).join(', ') || 'none'}). Check the diff before saving.`);
  }
  const variation = detectVariation(request.files.source);
  const draft: TDraft = { plan, variation, changes: [], notices };
  const noticesBefore = notices.length;
  let applied = applyInstruction(request.instruction, draft);
  if (!applied) {
    const words = wordsOf(request.instruction);
    const corrections = words
      .map((word) => [word, TRIGGER_WORDS.find((trigger) => word.length >= 4 && word !== trigger && editDistance(word, trigger, 2) <= 2)] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
    if (corrections.length > 0) {
      let corrected = request.instruction;
      for (const [word, trigger] of corrections) corrected = corrected.replace(new RegExp(`\\b${word}\\b`, 'i'), trigger);
      applied = applyInstruction(corrected, draft);
      if (applied) notices.push(`Read the instruction as "${corrected}" (closest known edit).`);
    }
  }
  if (!applied && notices.length === noticesBefore) {
    notices.push(
      `Did not understand "${request.instruction.slice(0, 120)}"; nothing changed. Try: add or remove a loading, empty, error or disabled state; make it compact or comfortable; rename it to X; add a X prop; make it subtle, bold or outlined; make it red/secondary; load the items from an API; make it a card.`,
    );
    return { generator: 'built-in', files: request.files, plan: request.plan, changes: [], notices };
  }
  if (draft.changes.length === 0)
    return { generator: 'built-in', files: request.files, plan: request.plan, changes: [], notices: draft.notices };
  let valid: TComponentPlan;
  try {
    valid = validPlan(draft.plan);
  } catch (error) {
    notices.push(`The edit would make the plan invalid, so nothing changed: ${error instanceof Error ? error.message : String(error)}`);
    return { generator: 'built-in', files: request.files, plan: request.plan, changes: [], notices };
  }
  const rebuilt = buildVariations(valid.summary, valid, 1, context, draft.variation);
  const regenerated = rebuilt.variations[0]?.files ?? request.files;
  // What the person changed since generating is merged into the rebuild, not replaced by it.
  const original = request.plan ? buildVariations(request.plan.summary, request.plan, 1, context, variation).variations[0]?.files : undefined;
  const merged = original ? mergeEdit({ base: original, ours: request.files, theirs: regenerated }) : null;
  const conflicts = merged?.conflicts ?? [];
  if (merged?.keptHandChanges)
    draft.notices.push(
      conflicts.length === 0
        ? 'Your changes since it was generated are kept: the edit was merged into them.'
        : `Your changes since it was generated are kept; ${conflicts.length} place${conflicts.length === 1 ? '' : 's'} where the edit touched the same lines kept your version (see the conflicts).`,
    );
  return {
    generator: 'built-in',
    files: merged?.files ?? regenerated,
    plan: valid,
    changes: draft.changes,
    notices: [...draft.notices, ...rebuilt.notices],
    conflicts,
  };
}
