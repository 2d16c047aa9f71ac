// What the provider asks the model. The rules in here are the checks the answer goes through
// (spark-checks and the file structure), stated up front so a good model passes them first time.
import { type TThemeNamespace, type TTokenVocabulary, vocabularyKeys } from '@lumenforge/spark-checks';
import {
  COMPONENT_KINDS,
  COMPONENT_STATES,
  type TComponentPlan,
  type TExpert,
  type TGeneratedFiles,
  type TRouting,
} from '../types';
import type { TChatMessage } from './chat-completion';

const NAMESPACE_UTILITIES: Record<TThemeNamespace, string> = {
  color: 'bg-*, text-*, border-*, ring-*, fill-*, stroke-*, divide-* (opacity suffix /50 allowed)',
  text: 'text-* (type size)',
  font: 'font-* (family)',
  'font-weight': 'font-* (weight)',
  spacing: 'p-*, m-*, gap-*, space-*, w-*, h-*, size-*, inset-*, top-* … (negative -m-* allowed)',
  radius: 'rounded-*',
  shadow: 'shadow-*',
  ease: 'ease-*',
  duration: 'duration-(--duration-*) only (the var form; fixed durations are refused)',
};

const SCALE_STEP = /^(.*)-(50|100|200|300|400|500|600|700|800|900|950)$/;

/** `neutral-50 … neutral-950` collapsed to `neutral-{50…950}` so the whole palette fits a prompt. */
function compactKeys(keys: Iterable<string>): string {
  const scales = new Map<string, number>();
  const plain: string[] = [];
  for (const key of keys) {
    const scale = SCALE_STEP.exec(key)?.[1];
    if (scale) scales.set(scale, (scales.get(scale) ?? 0) + 1);
    else plain.push(key);
  }
  return [...plain, ...[...scales.keys()].map((scale) => `${scale}-{50…950}`)].join(', ');
}

/** The token vocabulary as the prompt states it: every allowed key per Tailwind namespace. */
export function vocabularyForPrompt(vocabulary: TTokenVocabulary): string {
  const lines = (Object.keys(NAMESPACE_UTILITIES) as TThemeNamespace[])
    .map((namespace) => {
      const keys = vocabularyKeys(vocabulary, namespace);
      if (keys.size === 0) return null;
      return `- ${namespace} — ${NAMESPACE_UTILITIES[namespace]}: ${compactKeys(keys)}`;
    })
    .filter((line): line is string => line !== null);
  return [
    `Design tokens${vocabulary.version ? ` (version ${vocabulary.version})` : ''}: Tailwind v4 classes may use ONLY these theme keys.`,
    ...lines,
    'Prefer the semantic colours (bg, surface, surface-raised, fg, fg-muted, border, accent, accent-fg, danger-text…) over palette steps.',
    'Never: hex/rgb/hsl/oklch colours, px/rem/em lengths, arbitrary values in brackets (w-[37px], bg-[#fff]), Tailwind palette colours that are not listed (blue-500), inline style objects with numbers.',
    'Layout utilities (flex, grid, items-center, justify-between, w-full, max-w-prose, overflow-auto, sr-only…) are free to use.',
  ].join('\n');
}

const PLAN_TYPE = `{
  "name": string,            // PascalCase, e.g. "PricingCard"
  "kind": ${COMPONENT_KINDS.map((kind) => JSON.stringify(kind)).join(' | ')},
  "summary": string,         // one sentence: what you understood
  "match": "exact" | "closest",
  "props": { "name": string, "type": string /* TypeScript */, "optional": boolean, "description": string, "defaultValue"?: string /* TypeScript source */ }[],
  "states": (${COMPONENT_STATES.map((state) => JSON.stringify(state)).join(' | ')})[],
  "events": string[],        // event props such as "onClick", also listed in props
  "data": { "source": "none" | "props" | "async", "itemCount": number | null, "fields": string[] },
  "accessibility": { "role": string | null, "labels": string[], "keyboard": string[] },
  "parts": kind[],           // for "composition": the kinds it combines, in order; else []
  "density": "comfortable" | "compact"
}`;

/** Prompt → plan: one JSON object, nothing else. */
export function analyseMessages(prompt: string): TChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You plan React components for a design-system team.',
        'Answer with ONE JSON object and nothing else (no prose, no code fence), of this shape:',
        PLAN_TYPE,
        'Use "closest" and the nearest kind when the request is vague or not one of the kinds; "composition" with "parts" when it combines several.',
        'List every state the component needs (loading, empty, error, disabled), its event props, and its accessibility needs (role, labels, keyboard keys).',
      ].join('\n'),
    },
    { role: 'user', content: prompt },
  ];
}

const EXPERT_BRIEFS: Record<TExpert, string> = {
  design:
    'You are the DESIGN expert. Decide the layout and the exact Tailwind class lists of each element, using only the design tokens below, for light and dark themes alike (semantic colours switch by themselves). Cover hover, focus-visible, disabled and the states in the plan.',
  logic:
    'You are the LOGIC expert. Decide the props and their types, internal state, hooks, handlers, async data loading (with loading/error/empty states) and accessibility: roles, aria attributes, labels, keyboard handling.',
  performance:
    'You are the PERFORMANCE expert. Decide what to memoise (useMemo/useCallback/memo), what to render lazily, and whether lists need windowing (only above a few hundred items; implement it by hand, no libraries). Say "nothing needed" for parts that are cheap already.',
};

function planJson(plan: TComponentPlan): string {
  return JSON.stringify(plan, null, 2);
}

/** One expert's advice for the merger: short bullet points. */
export function expertMessages(
  expert: TExpert,
  input: { prompt: string; plan: TComponentPlan; routing: TRouting; vocabulary: TTokenVocabulary },
): TChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        EXPERT_BRIEFS[expert],
        expert === 'design' ? vocabularyForPrompt(input.vocabulary) : '',
        'Answer with at most 8 bullet points, each one line starting with "- ". No code blocks, no introduction.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    {
      role: 'user',
      content: `Request: ${input.prompt}\n\nPlan:\n${planJson(input.plan)}\n\nYour weight in this component: ${input.routing.weights[expert].toFixed(2)} (${input.routing.reasons[expert]}).`,
    },
  ];
}

/** The rules every answer with files follows (merge, repair and edit). */
function fileRules(name: string, vocabulary: TTokenVocabulary): string {
  return [
    `Files: ${name}.tsx, ${name}.test.tsx, ${name}.stories.tsx.`,
    `- ${name}.tsx: TypeScript strict React function component, \`export function ${name}(props: ${name}Props)\` (named export, also export type ${name}Props). Imports only from 'react'. It must type-check.`,
    `- ${name}.test.tsx: first line exactly \`// @vitest-environment happy-dom\`; imports from 'vitest', '@testing-library/react', '@testing-library/user-event' and \`import { ${name} } from './${name}';\`. Test behaviour, keyboard use and each state; call cleanup in afterEach.`,
    `- ${name}.stories.tsx: Storybook 10 CSF3: \`import type { Meta, StoryObj } from '@storybook/react';\`, \`import { expect, fn, userEvent, within } from 'storybook/test';\`, \`import { ${name} } from './${name}';\`, \`const meta = { component: ${name}, … } satisfies Meta<typeof ${name}>; export default meta;\`, one story per state, and at least one story with a \`play\` interaction test.`,
    vocabularyForPrompt(vocabulary),
  ].join('\n');
}

const FILE_FORMAT = (name: string) =>
  `Answer with exactly three fenced code blocks, each with the file name after the language:\n\`\`\`tsx ${name}.tsx\n…\n\`\`\`\n\`\`\`tsx ${name}.test.tsx\n…\n\`\`\`\n\`\`\`tsx ${name}.stories.tsx\n…\n\`\`\`\nNo other text.`;

/** The merger: the experts' advice → the three files of one variation. */
export function mergeMessages(input: {
  prompt: string;
  plan: TComponentPlan;
  routing: TRouting;
  advice: Record<TExpert, string>;
  vocabulary: TTokenVocabulary;
  variation: { label: string; direction: string };
}): TChatMessage[] {
  const { plan, routing } = input;
  const advice = (Object.keys(input.advice) as TExpert[])
    .map(
      (expert) => `${expert} expert (weight ${routing.weights[expert].toFixed(2)}):\n${input.advice[expert]}`,
    )
    .join('\n\n');
  return [
    {
      role: 'system',
      content: [
        'You are the MERGER: you write one production-quality React component from the advice of three experts, weighing each by its weight, with its tests and stories.',
        fileRules(plan.name, input.vocabulary),
        FILE_FORMAT(plan.name),
      ].join('\n\n'),
    },
    {
      role: 'user',
      content: `Request: ${input.prompt}\n\nPlan:\n${planJson(plan)}\n\n${advice}\n\nThis variation: "${input.variation.label}" — ${input.variation.direction}.`,
    },
  ];
}

const MAX_PROBLEMS_LISTED = 20;

/** After a failed check: the problems, and the request for all three files again. */
export function repairMessage(name: string, problems: string[]): TChatMessage {
  // A file full of one mistake lists it dozens of times; the first ones are enough to fix it.
  const listed = problems.slice(0, MAX_PROBLEMS_LISTED).map((problem) => `- ${problem}`);
  if (problems.length > MAX_PROBLEMS_LISTED)
    listed.push(`- … and ${problems.length - MAX_PROBLEMS_LISTED} more like these.`);
  return {
    role: 'user',
    content: `Your files fail these checks:\n${listed.join('\n')}\n\nFix every problem. ${FILE_FORMAT(name)}`,
  };
}

function fileBlock(fileName: string, content: string): string {
  return `\`\`\`tsx ${fileName}\n${content.replace(/\n$/, '')}\n\`\`\``;
}

/** A follow-up instruction on existing files: a diff or whole files back, with the changes listed. */
export function editMessages(input: {
  instruction: string;
  files: TGeneratedFiles;
  plan: TComponentPlan | null;
  vocabulary: TTokenVocabulary;
}): TChatMessage[] {
  const { name } = input.files;
  return [
    {
      role: 'system',
      content: [
        'You edit an existing React component, its tests and its stories as the instruction says, keeping everything else as it is. Update the tests and stories for what you change.',
        fileRules(name, input.vocabulary),
        [
          'Answer in this format:',
          'Changes:',
          '- one line per change you made',
          '',
          `then EITHER one \`\`\`diff block with a unified diff of the files you changed (headers \`--- a/${name}.tsx\` / \`+++ b/${name}.tsx\`, @@ hunks with 3 context lines copied exactly),`,
          `OR the complete new content of each changed file as fenced blocks named like \`\`\`tsx ${name}.tsx. Files you do not change are left out.`,
        ].join('\n'),
      ].join('\n\n'),
    },
    {
      role: 'user',
      content: [
        `Instruction: ${input.instruction}`,
        input.plan ? `Plan it was generated from:\n${planJson(input.plan)}` : '',
        fileBlock(`${name}.tsx`, input.files.source),
        fileBlock(`${name}.test.tsx`, input.files.tests),
        fileBlock(`${name}.stories.tsx`, input.files.stories),
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
  ];
}
