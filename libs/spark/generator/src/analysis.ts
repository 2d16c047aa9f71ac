// The plan step with its notices: `analyse` returns only a plan, so what a generator had to say
// while planning (the provider fell back to the built-in generator, and why) comes through
// `onNotice`; this collects it into one result the API can send with the plan.
import type { IComponentGenerator, TAnalysis, TGenerationContext } from './types';

/** `generator.analyse` with the notices it raised; `generator` is the one that was asked. */
export async function analyseWithNotices(
  generator: IComponentGenerator,
  prompt: string,
  context: TGenerationContext,
): Promise<TAnalysis> {
  const notices: string[] = [];
  const plan = await generator.analyse(prompt, {
    ...context,
    onNotice: (notice) => {
      notices.push(notice);
      context.onNotice?.(notice);
    },
  });
  return { plan, notices, generator: generator.id };
}
