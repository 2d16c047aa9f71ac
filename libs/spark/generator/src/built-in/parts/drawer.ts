// Drawer (a modal dialog docked to an edge, WAI-ARIA APG "Dialog (Modal)"): a full-height panel on
// the right (or left when asked) over a backdrop, with a close button in its header and the focus
// trap, Escape and focus return of dialog-kit.ts. Its content area takes children.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, planLabel } from '../component-kit';
import { dialogActions, dialogBody, dialogElement, dialogHeading, dialogLabels, dialogPlay, dialogProps, dialogTests, dialogTrigger } from '../dialog-kit';
import type { TPartBuild, TPartContext } from '../part';

export function buildDrawer(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const labels = { ...dialogLabels(plan, planLabel(plan)), confirm: 'Apply', description: 'Make your changes, then apply them.' };
  const side = /\bleft\b/i.test(`${plan.summary} ${plan.name}`) ? 'left' : 'right';
  const render = `<>
  ${dialogTrigger(plan, `${style.secondaryButton} ${style.control}`).replace(/\n/g, '\n  ')}
  {isOpen ? (
    <div className="fixed inset-0 z-50 bg-black/50" onClick={handleClose}>
      ${dialogElement(`fixed inset-y-0 ${side}-0 flex w-full max-w-sm flex-col bg-surface text-fg shadow-xl`, 6)}
        <div className="flex items-start justify-between gap-2 ${style.band} ${style.density.body}">
          <div className="flex flex-col gap-1">
            ${dialogHeading(context, 12)}
          </div>
          <button type="button" aria-label="Close" onClick={handleClose} className="${style.ghostButton} p-2">
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <div className="flex-1 overflow-y-auto ${style.density.body}">{children}</div>
        ${dialogActions(context, style.primaryButton, `flex justify-end gap-2 border-t border-border ${style.density.body}`, 8)}
      </div>
    </div>
  ) : null}
</>`;
  return buildComponentFiles({
    plan,
    context,
    props: [
      ...dialogProps(labels),
      { name: 'children', type: 'ReactNode', description: 'The drawer content.', sample: "'Drawer content'" },
    ],
    declarations: ["import type { ReactNode } from 'react';"],
    body: dialogBody(context),
    render,
    disabledOn: 'controls',
    tests: [
      ...dialogTests(labels),
      {
        name: 'shows its content and closes from the close button',
        body: [
          'const { user, props } = await setup({ defaultOpen: true });',
          "expect(screen.getByText('Drawer content')).toBeTruthy();",
          "await user.click(screen.getByRole('button', { name: 'Close' }));",
          "expect(screen.queryByRole('dialog')).toBeNull();",
          'expect(props.onClose).toHaveBeenCalledTimes(1);',
        ],
      },
    ],
    play: dialogPlay(labels),
    notes: {
      design: [`full-height panel docked ${side}, header with a close button, actions in a footer`],
      logic: [
        'role="dialog" with aria-modal, labelled by its title and described by its text',
        'focus moves inside on open, Tab/Shift+Tab stay inside, Escape, the close button and the backdrop close, focus returns to the trigger',
      ],
      performance: ['the panel is not mounted while closed'],
    },
  });
}
