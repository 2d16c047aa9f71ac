// Modal dialog (WAI-ARIA APG "Dialog (Modal)"): a centred dialog over a backdrop, opened by its
// trigger, with the focus trap, Escape and focus return of dialog-kit.ts. Destructive prompts
// ("confirm deleting a file") get destructive wording and a danger action.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, planLabel } from '../component-kit';
import { dialogActions, dialogBody, dialogElement, dialogHeading, dialogLabels, dialogPlay, dialogProps, dialogTests, dialogTrigger } from '../dialog-kit';
import type { TPartBuild, TPartContext } from '../part';

export function buildModal(plan: TComponentPlan, _variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const labels = dialogLabels(plan, planLabel(plan));
  const confirmClass = labels.isDestructive ? style.dangerButton : style.primaryButton;
  const render = `<>
  ${dialogTrigger(plan, `${labels.isDestructive ? style.secondaryButton : style.primaryButton} ${style.control}`).replace(/\n/g, '\n  ')}
  {isOpen ? (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50 p-4" onClick={handleClose}>
      ${dialogElement(`flex w-full max-w-md flex-col ${style.density.gap} ${style.panel} ${style.density.body} shadow-xl`, 6)}
        ${dialogHeading(context, 8)}
        ${dialogActions(context, confirmClass, 'flex justify-end gap-2', 8)}
      </div>
    </div>
  ) : null}
</>`;
  return buildComponentFiles({
    plan,
    context,
    props: dialogProps(labels),
    body: dialogBody(context),
    render,
    disabledOn: 'controls',
    tests: [
      ...dialogTests(labels),
      {
        name: 'closes when the backdrop is clicked',
        body: [
          'const { user, props } = await setup({ defaultOpen: true });',
          "await user.click(screen.getByRole('dialog').parentElement as HTMLElement);",
          "expect(screen.queryByRole('dialog')).toBeNull();",
          'expect(props.onClose).toHaveBeenCalledTimes(1);',
        ],
      },
    ],
    play: dialogPlay(labels),
    notes: {
      design: [
        `centred ${labels.isDestructive ? 'destructive confirmation' : 'dialog'} over a dimmed backdrop, ${style.label.toLowerCase()} panel`,
      ],
      logic: [
        'role="dialog" with aria-modal, labelled by its title and described by its text',
        'focus moves to the least destructive action on open, Tab/Shift+Tab stay inside, Escape and the backdrop close, focus returns to the trigger',
      ],
      performance: ['the dialog is not mounted while closed'],
    },
  });
}
