'use client';
import type {
  TComponentKind,
  TComponentPlan,
  TComponentState,
  TGenerationProgress,
  TGeneratorId,
  TRouting,
} from '@lumenforge/spark-generator';
import type { TApiProblem } from '@lumenforge/ui/api-client';
import { Badge, Notice } from '@lumenforge/ui/page-parts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ComponentWorkbench, type TChosenComponent } from './component-workbench';
import { requestPlan, streamGeneration, type TGenerationAnswer } from './generation-api';
import { ExpertWeights, GenerationProgress } from './generation-progress';
import { PlanForm } from './plan-form';
import { problemAbout, ProblemNotice } from './problem-notice';
import { PromptForm } from './prompt-form';
import { VariationCard } from './variation-card';
import { useLivePreview } from './live-preview';
import { previewSourceFor } from './preview-files';

type TChosen = TChosenComponent & { key: string };

/** The variations of one generation, all shown by one preview session (a card per variation). */
function VariationsSection({
  answer,
  signInUrl,
  onPreviewSettled,
  onChoose,
}: {
  answer: TGenerationAnswer;
  signInUrl: string;
  onPreviewSettled: (variationId: string, isLoaded: boolean) => void;
  onChoose: (chosen: TChosen) => void;
}) {
  const source = useMemo(
    () => previewSourceFor(answer.variations.map(({ id, files }) => ({ id, files }))),
    [answer],
  );
  const preview = useLivePreview(source);
  return (
    <section aria-labelledby="variations-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="variations-title" className="text-base font-semibold">
          Variations
        </h2>
        <p className="text-xs text-fg-muted">
          {GENERATOR_LABELS[answer.generator]}
          {answer.tokenVersion !== null ? ` · tokens v${answer.tokenVersion}` : ''}
        </p>
      </div>
      {answer.notices.map((notice) => (
        <Notice key={notice} tone="info">
          {notice}
        </Notice>
      ))}
      <div className="grid gap-4 lg:grid-cols-3">
        {answer.variations.map((variation) => (
          <VariationCard
            key={`${answer.generationId}-${variation.id}`}
            variation={variation}
            preview={preview}
            signInUrl={signInUrl}
            onPreviewLoad={() => onPreviewSettled(variation.id, true)}
            onPreviewFail={() => onPreviewSettled(variation.id, false)}
            onChoose={() =>
              onChoose({
                key: `${answer.generationId}-${variation.id}`,
                variationId: variation.id,
                variations: answer.variations.map(({ id, files }) => ({ id, files })),
                files: variation.files,
                check: variation.check,
                label: variation.label,
                preview: preview.handle(),
              })
            }
          />
        ))}
      </div>
    </section>
  );
}

type TGenerationState = {
  isRunning: boolean;
  events: TGenerationProgress[];
  answer: TGenerationAnswer | null;
  problem: TApiProblem | null;
  /** Variation ids whose preview finished loading. */
  loaded: string[];
  /** Variation ids whose preview could not open. */
  failed: string[];
};

const IDLE: TGenerationState = {
  isRunning: false,
  events: [],
  answer: null,
  problem: null,
  loaded: [],
  failed: [],
};

const GENERATOR_LABELS: Record<TGeneratorId, string> = {
  'built-in': 'Built-in generator',
  'openai-compatible': 'Language model',
};

/** The generator page's flow: prompt → plan → streamed generation → variations → the chosen one. */
export function GeneratorWorkspace({
  kinds,
  states,
  signInUrl,
}: {
  kinds: readonly TComponentKind[];
  states: readonly TComponentState[];
  signInUrl: string;
}) {
  const [prompt, setPrompt] = useState('');
  const [isPlanning, setIsPlanning] = useState(false);
  const [planProblem, setPlanProblem] = useState<TApiProblem | null>(null);
  const [plan, setPlan] = useState<TComponentPlan | null>(null);
  const [plannedPrompt, setPlannedPrompt] = useState('');
  const [planGenerator, setPlanGenerator] = useState<TGeneratorId | null>(null);
  const [planRouting, setPlanRouting] = useState<TRouting | null>(null);
  const [generation, setGeneration] = useState<TGenerationState>(IDLE);
  const [chosen, setChosen] = useState<TChosen | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const workbenchRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    if (chosen) workbenchRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [chosen]);

  async function handlePlan() {
    if (isPlanning) return;
    setIsPlanning(true);
    setPlanProblem(null);
    const result = await requestPlan(prompt);
    setIsPlanning(false);
    if (!result.ok) {
      setPlanProblem(problemAbout(result.problem, 'prompt'));
      return;
    }
    abortRef.current?.abort();
    setPlan(result.data.plan);
    setPlannedPrompt(prompt);
    setPlanGenerator(result.data.generator);
    setPlanRouting(result.data.routing);
    setGeneration(IDLE);
    setChosen(null);
  }

  async function handleGenerate() {
    if (!plan) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setChosen(null);
    setGeneration({ ...IDLE, isRunning: true });
    const result = await streamGeneration(
      { prompt: plannedPrompt, plan },
      (progress) => {
        if (!controller.signal.aborted)
          setGeneration((current) => ({ ...current, events: [...current.events, progress] }));
      },
      controller.signal,
    );
    if (controller.signal.aborted) return;
    setGeneration((current) =>
      result.ok
        ? { ...current, isRunning: false, answer: result.data }
        : {
            ...current,
            isRunning: false,
            problem: problemAbout(problemAbout(result.problem, 'prompt'), 'plan'),
          },
    );
  }

  const answer = generation.answer;
  return (
    <div className="space-y-5">
      <PromptForm
        prompt={prompt}
        onPromptChange={setPrompt}
        onSubmit={() => void handlePlan()}
        isPending={isPlanning}
        problem={planProblem}
        signInUrl={signInUrl}
      />

      {plan ? (
        <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-2">
            {planGenerator ? (
              <p className="text-xs text-fg-muted">
                Planned by: <Badge>{GENERATOR_LABELS[planGenerator]}</Badge>
              </p>
            ) : null}
            <PlanForm
              plan={plan}
              kinds={kinds}
              states={states}
              onChange={setPlan}
              onGenerate={() => void handleGenerate()}
              isPending={generation.isRunning}
            />
          </div>
          {(answer?.routing ?? planRouting) ? (
            <ExpertWeights routing={(answer?.routing ?? planRouting) as TRouting} />
          ) : null}
        </div>
      ) : null}

      {generation.isRunning || generation.events.length > 0 || generation.problem ? (
        <GenerationProgress
          events={generation.events}
          isFinished={answer !== null}
          previewsLoaded={generation.loaded.length}
          previewsFailed={generation.failed.filter((id) => !generation.loaded.includes(id)).length}
          previewsTotal={answer?.variations.length ?? 0}
        />
      ) : null}

      {generation.problem ? (
        <ProblemNotice
          problem={generation.problem}
          signInUrl={signInUrl}
          onRetry={() => void handleGenerate()}
          testId="generation-error"
        />
      ) : null}

      {answer ? (
        <VariationsSection
          answer={answer}
          signInUrl={signInUrl}
          onPreviewSettled={(id, isLoaded) =>
            setGeneration((current) => {
              const list = isLoaded ? current.loaded : current.failed;
              if (list.includes(id)) return current;
              return isLoaded ? { ...current, loaded: [...list, id] } : { ...current, failed: [...list, id] };
            })
          }
          onChoose={setChosen}
        />
      ) : null}

      {answer && chosen ? (
        <div ref={workbenchRef} className="scroll-mt-20">
          <ComponentWorkbench
            key={chosen.key}
            chosen={chosen}
            plan={answer.plan}
            prompt={plannedPrompt}
            generator={answer.generator}
            signInUrl={signInUrl}
          />
        </div>
      ) : null}
    </div>
  );
}
