// Toast: a short message announced politely (role="status"; an error is role="alert"), with a
// dismiss button and an optional action ("Retry", "Undo"). It dismisses itself after `durationMs`,
// and the timer pauses while the pointer or focus is on it (WCAG 2.2.1: timing adjustable).
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

const TONES = ['info', 'success', 'error'] as const;

function toastText(plan: TComponentPlan) {
  const text = `${plan.name} ${plan.summary}`;
  const tone: (typeof TONES)[number] = /error|fail|problem/i.test(text) ? 'error' : /success|saved|uploaded|done|complete/i.test(text) ? 'success' : 'info';
  const message =
    tone === 'error' ? 'The upload failed. Check your connection and try again.'
    : /upload/i.test(text) ? 'The file was uploaded.'
    : tone === 'success' ? 'Your changes were saved.'
    : 'A new version is available.';
  const actionLabel = /retry/i.test(text) || tone === 'error' ? 'Retry' : /undo/i.test(text) ? 'Undo' : null;
  const seconds = /(\d+|five|ten|three) ?s(ec|econds)?/i.exec(text)?.[1];
  const durationSeconds = seconds ? (({ three: 3, five: 5, ten: 10 }) as Record<string, number>)[seconds.toLowerCase()] ?? Number(seconds) : 5;
  return { tone, message, actionLabel, durationMs: durationSeconds * 1000 };
}

export function buildToast(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const { tone, message, actionLabel, durationMs } = toastText(plan);
  const toneClasses = { info: style.tones.accent, success: style.tones.success, error: style.tones.danger };
  const icon = { info: 'ℹ', success: '✓', error: '!' };
  const isBar = variation === 2;
  const render = `<div
  role={tone === 'error' ? 'alert' : 'status'}
  aria-live={tone === 'error' ? 'assertive' : 'polite'}
  onMouseEnter={() => setIsPaused(true)}
  onMouseLeave={() => setIsPaused(false)}
  onFocus={() => setIsPaused(true)}
  onBlur={() => setIsPaused(false)}
  className={\`flex items-start ${style.density.gap} ${isBar ? 'w-full rounded-md' : 'max-w-sm rounded-lg shadow-lg'} ${style.density.body} \${TONE_CLASSES[tone]}\`}
>
  <span aria-hidden="true" className="font-bold">
    {TONE_ICONS[tone]}
  </span>
  <p className="flex-1 text-sm">{message}</p>
  {actionLabel ? (
    <button type="button" onClick={onAction} className="text-sm font-semibold underline ${style.ghostButton}">
      {actionLabel}
    </button>
  ) : null}
  <button type="button" aria-label="Dismiss notification" onClick={handleDismiss} className="${style.ghostButton} px-1">
    <span aria-hidden="true">✕</span>
  </button>
</div>`;
  const role = tone === 'error' ? 'alert' : 'status';
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      `type ${plan.name}Tone = ${TONES.map(literal).join(' | ')};`,
      `const TONE_CLASSES: Record<${plan.name}Tone, string> = {\n${TONES.map((name) => `  ${name}: ${literal(toneClasses[name])},`).join('\n')}\n};`,
      `const TONE_ICONS: Record<${plan.name}Tone, string> = { ${TONES.map((name) => `${name}: ${literal(icon[name])}`).join(', ')} };`,
    ],
    props: [
      { name: 'message', type: 'string', description: 'What happened, in one sentence.', defaultValue: literal(message) },
      { name: 'tone', type: `${plan.name}Tone`, description: 'info and success are announced politely, error at once.', defaultValue: literal(tone) },
      { name: 'durationMs', type: 'number', description: 'Milliseconds before it dismisses itself; 0 keeps it until dismissed.', defaultValue: String(durationMs) },
      { name: 'actionLabel', type: 'string | null', description: 'An action offered with the message.', defaultValue: actionLabel ? literal(actionLabel) : 'null' },
      { name: 'onAction', type: '() => void', description: 'Called by the action button.', sample: FN },
      { name: 'onDismiss', type: '() => void', description: 'Called when it is dismissed, by a person or the timer.', sample: FN },
    ],
    body: [
      'const [isVisible, setIsVisible] = useState(true);',
      'const [isPaused, setIsPaused] = useState(false);',
      '',
      ...handler(context, 'handleDismiss', '', ['setIsVisible(false);', 'onDismiss?.();'], ['onDismiss']),
      '',
      '// Dismisses itself after durationMs unless paused by hover or focus.',
      'useEffect(() => {',
      '  if (!isVisible || isPaused || durationMs <= 0) return;',
      '  const timer = window.setTimeout(handleDismiss, durationMs);',
      '  return () => window.clearTimeout(timer);',
      '}, [isVisible, isPaused, durationMs, handleDismiss]);',
      '',
      'if (!isVisible) return null;',
    ],
    render,
    disabledOn: 'root',
    tests: [
      {
        name: `announces its message (role="${role}")`,
        body: ['await setup();', `expect(screen.getByRole(${literal(role)}).textContent).toContain(${literal(message)});`],
      },
      {
        name: 'is dismissed by its button',
        body: [
          'const { user, props } = await setup();',
          "await user.click(screen.getByRole('button', { name: 'Dismiss notification' }));",
          `expect(screen.queryByRole(${literal(role)})).toBeNull();`,
          'expect(props.onDismiss).toHaveBeenCalledTimes(1);',
        ],
      },
      {
        name: `dismisses itself after ${durationMs} ms, but not while hovered`,
        body: [
          'vi.useFakeTimers();',
          'try {',
          '  const { props } = await setup();',
          `  const toast = screen.getByRole(${literal(role)});`,
          '  fireEvent.mouseEnter(toast);',
          `  act(() => {\n    vi.advanceTimersByTime(${durationMs + 1000});\n  });`,
          `  expect(screen.getByRole(${literal(role)})).toBeTruthy();`,
          '  fireEvent.mouseLeave(toast);',
          `  act(() => {\n    vi.advanceTimersByTime(${durationMs});\n  });`,
          `  expect(screen.queryByRole(${literal(role)})).toBeNull();`,
          '  expect(props.onDismiss).toHaveBeenCalledTimes(1);',
          '} finally {',
          '  vi.useRealTimers();',
          '}',
        ],
      },
      {
        name: 'offers its action',
        body: [
          "const { user, props } = await setup({ actionLabel: 'Undo' });",
          "await user.click(screen.getByRole('button', { name: 'Undo' }));",
          'expect(props.onAction).toHaveBeenCalledTimes(1);',
        ],
      },
      {
        name: 'announces errors as alerts',
        body: [
          "await setup({ tone: 'error', message: 'Saving failed.' });",
          "expect(screen.getByRole('alert').textContent).toContain('Saving failed.');",
        ],
      },
    ],
    play: [
      `await expect(canvas.getByRole(${literal(role)})).toHaveTextContent(${literal(message)});`,
      "await userEvent.click(canvas.getByRole('button', { name: 'Dismiss notification' }));",
      'await expect(args.onDismiss).toHaveBeenCalled();',
    ],
    stories: TONES.filter((name) => name !== tone).map((name) => ({
      name: `${name.charAt(0).toUpperCase()}${name.slice(1)}Tone`,
      args: `{ tone: ${literal(name)}, durationMs: 0 }`,
    })),
    notes: {
      design: [`${isBar ? 'full-width bar' : 'floating card'} in the ${tone} tone's surface and text tokens`],
      logic: [
        `${role === 'alert' ? 'role="alert" (assertive)' : 'role="status" (polite)'}; error toasts are alerts`,
        `dismisses itself after ${durationMs / 1000} s, paused while hovered or focused; a labelled dismiss button`,
        actionLabel ? `offers "${actionLabel}" (onAction)` : 'an action can be added with actionLabel',
      ],
      performance: ['one timer, cleared on unmount, pause and dismiss'],
    },
  });
}
