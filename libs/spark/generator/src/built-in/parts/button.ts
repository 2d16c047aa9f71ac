// Button and icon button (WAI-ARIA APG "button"): a native <button>, so Enter and Space work and
// disabled removes it from interaction; loading keeps its place, says so and blocks clicks.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';
import { plannedDefault, promptLabel } from '../plan-text';

export const BUTTON_VARIANTS = ['primary', 'secondary', 'ghost', 'danger'] as const;

/** Icons by what the prompt calls them: 24×24 stroke paths. */
const ICONS: Record<string, string> = {
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16v4z',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 0 0 0-14zM20 20l-4-4',
  menu: 'M4 6h16M4 12h16M4 18h16',
  settings: 'M12 8a4 4 0 1 0 0 8a4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3',
  heart: 'M12 20l-7-7a4 4 0 0 1 7-5a4 4 0 0 1 7 5z',
};

function iconFor(plan: TComponentPlan): { name: string; path: string } {
  const words = `${plan.name} ${plan.summary}`.toLowerCase();
  const synonyms: Record<string, string[]> = {
    close: ['close', 'dismiss', 'x'],
    plus: ['add', 'plus', 'new', 'create'],
    trash: ['delete', 'remove', 'trash'],
    edit: ['edit', 'pencil', 'rename'],
    search: ['search', 'find'],
    menu: ['menu', 'hamburger', 'nav'],
    settings: ['settings', 'gear', 'cog'],
    heart: ['like', 'favourite', 'favorite', 'heart'],
  };
  const found = Object.entries(synonyms).find(([, list]) => list.some((word) => new RegExp(`\\b${word}\\b`).test(words)));
  const name = found?.[0] ?? 'plus';
  return { name, path: ICONS[name] ?? ICONS['plus'] ?? '' };
}

function buildButtonLike(plan: TComponentPlan, context: TPartContext, isIconOnly: boolean): TPartBuild {
  const style = context.design;
  const icon = iconFor(plan);
  const label = promptLabel(plan, isIconOnly ? icon.name : 'Continue');
  const variant = plannedDefault(plan, 'variant', BUTTON_VARIANTS, 'primary');
  const size = isIconOnly ? (style.density.isCompact ? 'p-1' : 'p-2') : style.control;
  const variants = {
    primary: style.primaryButton,
    secondary: style.secondaryButton,
    ghost: style.ghostButton,
    danger: style.dangerButton,
  };
  const hasLoading = plan.states.includes('loading');
  const isBusy = hasLoading ? 'isLoading' : 'false';
  const disabledExpression = [plan.states.includes('disabled') ? 'disabled' : '', hasLoading ? 'isLoading' : ''].filter(Boolean).join(' || ');
  const iconSvg = `<svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className="size-5">\n  <path d=${literal(icon.path)} />\n</svg>`;
  const content = isIconOnly ? iconSvg : hasLoading ? `{isLoading ? 'Loading…' : label}` : '{label}';
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      `const VARIANT_CLASSES: Record<${BUTTON_VARIANTS.map((name) => literal(name)).join(' | ')}, string> = {\n${BUTTON_VARIANTS.map((name) => `  ${name}: ${literal(`inline-flex items-center justify-center gap-2 font-medium ${size} ${variants[name]}`)},`).join('\n')}\n};`,
    ],
    props: [
      { name: 'label', type: 'string', optional: false, description: isIconOnly ? 'The accessible name (the icon has no text).' : 'The text on the button.', sample: literal(label) },
      { name: 'variant', type: BUTTON_VARIANTS.map((name) => literal(name)).join(' | '), description: 'Its emphasis.', defaultValue: literal(variant) },
      { name: 'type', type: "'button' | 'submit' | 'reset'", description: 'The native button type.', defaultValue: "'button'" },
      { name: 'onClick', type: '() => void', description: 'Called when it is pressed (click, Enter or Space).', sample: FN },
    ],
    ownStates: ['loading'],
    body: handler(context, 'handleClick', '', ['onClick?.();'], ['onClick']),
    render: [
      `<button`,
      `  type={type}`,
      `  className={VARIANT_CLASSES[variant]}`,
      ...(isIconOnly ? ['  aria-label={label}', '  title={label}'] : []),
      ...(disabledExpression ? [`  disabled={${disabledExpression}}`] : []),
      ...(hasLoading ? [`  aria-busy={${isBusy} || undefined}`] : []),
      `  onClick={handleClick}`,
      `>`,
      ...content.split('\n').map((line) => `  ${line}`),
      `</button>`,
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'is a button named by its label that reports clicks',
        body: [
          'const { props, user } = await setup();',
          `await user.click(screen.getByRole('button', { name: ${literal(label)} }));`,
          'expect(props.onClick).toHaveBeenCalledTimes(1);',
        ],
      },
      {
        name: 'works with the keyboard (Tab, Enter, Space)',
        body: [
          'const { props, user } = await setup();',
          'await user.tab();',
          `expect(document.activeElement).toBe(screen.getByRole('button', { name: ${literal(label)} }));`,
          "await user.keyboard('{Enter}');",
          "await user.keyboard(' ');",
          'expect(props.onClick).toHaveBeenCalledTimes(2);',
        ],
      },
      ...(plan.states.includes('disabled')
        ? [{
            name: 'ignores presses when disabled',
            body: [
              'const { props, user } = await setup({ disabled: true });',
              `await user.click(screen.getByRole('button', { name: ${literal(label)} }));`,
              'expect(props.onClick).not.toHaveBeenCalled();',
            ],
          }]
        : []),
      ...(hasLoading
        ? [{
            name: 'says it is busy and ignores presses while loading',
            body: [
              'const { props, user } = await setup({ isLoading: true });',
              "const button = screen.getByRole('button');",
              "expect(button.getAttribute('aria-busy')).toBe('true');",
              'await user.click(button);',
              'expect(props.onClick).not.toHaveBeenCalled();',
            ],
          }]
        : []),
    ],
    play: [
      `const button = canvas.getByRole('button', { name: ${literal(label)} });`,
      'await userEvent.click(button);',
      'await expect(args.onClick).toHaveBeenCalledTimes(1);',
    ],
    stories: [{ name: 'Secondary', args: "{ variant: 'secondary' }" }],
    notes: {
      design: [`${variant} emphasis by default, four variants from token colours, focus ring on the focus token`],
      logic: [
        `a native button: Enter and Space press it${isIconOnly ? `; the ${icon.name} icon is hidden from assistive tech and the label names it` : ''}`,
        ...(hasLoading ? ['loading keeps its size, sets aria-busy and blocks presses'] : []),
      ],
      performance: context.performance.memo ? ['the click handler is stable (useCallback)'] : [],
    },
  });
}

export function buildButton(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  return buildButtonLike(plan, context, false);
}

/** An icon button shares the button's behaviour; its label becomes its accessible name. */
export function buildIconButtonPart(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  return buildButtonLike(plan, context, true);
}
