// The router: how much each expert should shape this component, from the prompt's words and the
// plan. Visual words weigh design, state/async/validation weigh logic, size and speed weigh
// performance. Weights sum to 1 (two decimals) and each comes with the words that moved it.
import type { TComponentPlan, TExpert, TRouting } from '../types';
import { EXPERTS } from '../types';

const SIGNALS: Record<TExpert, ReadonlyArray<readonly [RegExp, string]>> = {
  design: [
    [/\b(beautiful|pretty|modern|clean|elegant|minimal|sleek|stylish|polished|bold|subtle)\b/, 'look'],
    [/\b(colou?rs?|theme|dark|light|accent|brand|gradient|shadow|rounded|border|red|green|blue|yellow|orange|purple)\b/, 'colour and shape'],
    [/\b(layout|grid|spacing|padding|compact|dense|spacious|responsive|mobile|align(ed)?|centred|centered)\b/, 'layout'],
    [/\b(animat\w*|transition|motion|hover|icons?|images?|illustration|typography|font)\b/, 'motion and media'],
    [/\b(hero|landing|pricing|card|badge|avatar|navbar|banner|marketing)\b/, 'a visual kind'],
  ],
  logic: [
    [/\b(state|stateful|controlled|uncontrolled|toggle|open|close|selected?)\b/, 'state'],
    [/\b(async|fetch\w*|load(s|ed|ing)?|api|server|remote|submit\w*|save)\b/, 'async data'],
    [/\b(validat\w*|required|errors?|invalid|rules?|format)\b/, 'validation'],
    [/\b(sort\w*|filter\w*|search\w*|pagina\w*|steps?|wizard|keyboard|shortcut|undo)\b/, 'behaviour'],
    [/\b(form|input|select|checkbox|radio|switch|modal|drawer|tabs|menu|upload)\b/, 'an interactive kind'],
  ],
  performance: [
    [/\b(fast|quick|performant|performance|speed|smooth|lag|snappy|efficient)\b/, 'speed asked for'],
    [/\b(large|huge|big|long|thousands?|millions?|many|infinite|virtuali[sz]\w*|windowing)\b/, 'a lot of data'],
    [/\b\d{3,}\s*(rows|items|entries|records|results|options)\b/, 'hundreds of items or more'],
    [/\b(memo\w*|lazy|debounce\w*|throttle\w*|re-?renders?)\b/, 'rendering cost'],
  ],
};

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Weights and reasons for a prompt and its plan. */
export function routePrompt(prompt: string, plan: TComponentPlan): TRouting {
  const text = prompt.toLowerCase();
  const raw: Record<TExpert, number> = { design: 1, logic: 1, performance: 0.5 };
  const why: Record<TExpert, string[]> = { design: [], logic: [], performance: [] };
  for (const expert of EXPERTS)
    for (const [pattern, reason] of SIGNALS[expert])
      if (pattern.test(text)) {
        raw[expert] += 1;
        why[expert].push(reason);
      }
  if (plan.data.source === 'async') {
    raw.logic += 1;
    why.logic.push('the data loads asynchronously');
  }
  if (plan.states.length > 0) {
    raw.logic += 0.5 * plan.states.length;
    why.logic.push(`${plan.states.length} state${plan.states.length === 1 ? '' : 's'} to handle`);
  }
  if ((plan.data.itemCount ?? 0) > 100) {
    raw.performance += 2;
    why.performance.push(`${plan.data.itemCount} items are windowed`);
  }
  const total = raw.design + raw.logic + raw.performance;
  const design = round(raw.design / total);
  const logic = round(raw.logic / total);
  const weights: Record<TExpert, number> = { design, logic, performance: round(1 - design - logic) };
  const reasons = Object.fromEntries(
    EXPERTS.map((expert) => [
      expert,
      why[expert].length > 0 ? `weighted up for ${[...new Set(why[expert])].join(', ')}` : 'baseline: nothing in the prompt asked for more',
    ]),
  ) as Record<TExpert, string>;
  return { weights, reasons };
}
