// Choices for select, radio group and list parts: the option type and sample options that fit
// what the prompt is about (countries, sizes, plans…), so tests and stories read naturally.
import type { TComponentPlan } from '../types';
import type { TKitItems } from './component-kit';
import { humanise, literal } from './part-kit';

const SAMPLES: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/countr|nation|region/, ['Canada', 'France', 'Japan', 'Kenya']],
  [/size/, ['Small', 'Medium', 'Large']],
  [/plan|tier|subscription|billing/, ['Free', 'Pro', 'Team']],
  [/theme|appearance|mode/, ['Light', 'Dark', 'System']],
  [/language|locale/, ['English', 'Deutsch', 'Français']],
  [/priority|severity/, ['Low', 'Medium', 'High']],
  [/sort|order/, ['Newest', 'Oldest', 'Most popular']],
  [/contact|user|member|people|person|team/, ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson']],
  [/task|todo|to-do/, ['Write the brief', 'Review the design', 'Ship the release']],
  [/notification|message|inbox|activity/, ['New comment on your post', 'Your export is ready', 'Weekly summary']],
];

/** Sample labels for the plan's subject. */
export function sampleLabels(plan: TComponentPlan): readonly string[] {
  const subject = `${humanise(plan.name)} ${plan.summary}`.toLowerCase();
  return SAMPLES.find(([pattern]) => pattern.test(subject))?.[1] ?? ['First option', 'Second option', 'Third option'];
}

/** `{ value, label }` options passed as `options` (or loaded by `loadOptions`). */
export function optionItems(plan: TComponentPlan): TKitItems & { labels: readonly string[] } {
  const labels = sampleLabels(plan);
  const typeName = `${plan.name}Option`;
  return {
    prop: 'options',
    typeName,
    typeSource: `export type ${typeName} = { value: string; label: string };`,
    sample: `[${labels.map((label, index) => `{ value: ${literal(`option-${index + 1}`)}, label: ${literal(label)} }`).join(', ')}]`,
    firstText: labels[0] ?? '',
    noun: 'options',
    labels,
  };
}
