// The built-in generator: no network, no I/O. Prompt → plan (analyse.ts) → router weights
// (router.ts) → the experts' decisions per variation (experts.ts) → the kind's part builds the
// files → the merger fits them to the live tokens and records what each expert contributed.
import type { IComponentGenerator, TEditRequest, TEditResult, TGenerationResult } from '../types';
import { analysePrompt } from './analyse';
import { editComponent } from './edit';
import { buildVariations, validPlan } from './pipeline';
import { routePrompt } from './router';

export { InvalidPlanError } from './pipeline';

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('The generation was cancelled.');
}

export function createBuiltInGenerator(): IComponentGenerator {
  return {
    id: 'built-in',

    async analyse(prompt, context) {
      context.onProgress?.({ stage: 'analysis', message: 'Reading the prompt', progress: 0.05 });
      const plan = analysePrompt(prompt);
      context.onProgress?.({ stage: 'analysis', message: plan.summary, progress: 0.1 });
      return plan;
    },

    async generate(request, context): Promise<TGenerationResult> {
      const progress = context.onProgress;
      throwIfAborted(context.signal);
      const plan = validPlan(request.plan);
      const count = Math.max(1, Math.min(6, request.variations ?? 3));
      progress?.({ stage: 'analysis', message: plan.summary, progress: 0.1 });
      const routing = routePrompt(`${request.prompt} ${plan.summary}`, plan);
      progress?.({
        stage: 'routing',
        message: `Design ${routing.weights.design}, logic ${routing.weights.logic}, performance ${routing.weights.performance}`,
        progress: 0.2,
      });
      throwIfAborted(context.signal);
      progress?.({ stage: 'expert', expert: 'design', message: `Choosing ${count} looks from the SLATE tokens`, progress: 0.35 });
      progress?.({ stage: 'expert', expert: 'logic', message: `Props, states and events of the ${plan.kind.replace('-', ' ')}`, progress: 0.5 });
      progress?.({ stage: 'expert', expert: 'performance', message: 'Memoisation and windowing where they pay', progress: 0.6 });
      throwIfAborted(context.signal);
      const built = buildVariations(request.prompt, plan, count, context);
      progress?.({ stage: 'merge', message: `Merged ${built.variations.length} variations with tests and stories`, progress: 0.8 });
      const notices = [...built.notices];
      if (plan.match === 'closest') notices.unshift(`Understood as the closest match: ${plan.kind.replace('-', ' ')}. ${plan.summary}`);
      return { generator: 'built-in', plan, routing: built.routing, variations: built.variations, notices };
    },

    async edit(request: TEditRequest, context): Promise<TEditResult> {
      throwIfAborted(context.signal);
      return editComponent(request, context);
    },
  };
}
