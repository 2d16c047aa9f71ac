// What the modal and the drawer share (WAI-ARIA APG "Dialog (Modal)"): a trigger button, a
// role="dialog" with aria-modal and its title/description ids, focus moved inside on open, Tab and
// Shift+Tab kept inside, Escape and the backdrop close it, and focus goes back to the trigger.
import type { TComponentPlan } from '../types';
import { FN, handler, type TKitProp, type TKitTest } from './component-kit';
import type { TPartContext } from './part';
import { literal } from './part-kit';

export type TDialogLabels = {
  title: string;
  description: string;
  trigger: string;
  confirm: string;
  cancel: string;
};

/** The props every dialog-like part has. */
export function dialogProps(labels: TDialogLabels): TKitProp[] {
  return [
    { name: 'title', type: 'string', description: 'The dialog title (its accessible name).', defaultValue: literal(labels.title) },
    { name: 'description', type: 'string', description: 'One sentence under the title.', defaultValue: literal(labels.description) },
    { name: 'triggerLabel', type: 'string', description: 'The button that opens it.', defaultValue: literal(labels.trigger) },
    { name: 'confirmLabel', type: 'string', description: 'The main action.', defaultValue: literal(labels.confirm) },
    { name: 'cancelLabel', type: 'string', description: 'The action that closes it without doing anything.', defaultValue: literal(labels.cancel) },
    { name: 'defaultOpen', type: 'boolean', description: 'Open on first render.', defaultValue: 'false' },
    { name: 'onConfirm', type: '() => void', description: 'Called by the main action; the dialog then closes.', sample: FN },
    { name: 'onClose', type: '() => void', description: 'Called whenever the dialog closes.', sample: FN },
  ];
}

/** Indents every line after the first by `spaces`, so a shared snippet sits where it is placed. */
function indented(text: string, spaces: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

/** The dialog element's opening tag: role, aria-modal, its title and description, keys, no click-through. */
export function dialogElement(className: string, spaces: number): string {
  return indented(`<div
  ref={dialogRef}
  role="dialog"
  aria-modal="true"
  aria-labelledby={titleId}
  aria-describedby={descriptionId}
  onKeyDown={handleKeyDown}
  onClick={(event) => event.stopPropagation()}
  className="${className}"
>`, spaces);
}

/** The title and the sentence under it (the dialog's accessible name and description). */
export function dialogHeading(context: TPartContext, spaces: number): string {
  const style = context.design;
  return indented(`<h2 id={titleId} className="${style.heading}">
  {title}
</h2>
<p id={descriptionId} className="${style.muted}">
  {description}
</p>`, spaces);
}

/** Cancel (focused first) and the main action, in a row of `rowClass`. */
export function dialogActions(context: TPartContext, confirmClass: string, rowClass: string, spaces: number): string {
  const style = context.design;
  return indented(`<div className="${rowClass}">
  <button type="button" ref={initialFocusRef} onClick={handleClose} className="${style.secondaryButton} ${style.control}">
    {cancelLabel}
  </button>
  <button type="button" onClick={handleConfirm} className="${confirmClass} ${style.control}">
    {confirmLabel}
  </button>
</div>`, spaces);
}

/** Hooks and handlers: open state, refs, ids, focus on open, focus trap, Escape, close and confirm. */
export function dialogBody(context: TPartContext): string[] {
  return [
    'const [isOpen, setIsOpen] = useState(defaultOpen);',
    'const triggerRef = useRef<HTMLButtonElement>(null);',
    'const dialogRef = useRef<HTMLDivElement>(null);',
    '/** The least destructive action, focused when the dialog opens. */',
    'const initialFocusRef = useRef<HTMLButtonElement>(null);',
    'const titleId = useId();',
    'const descriptionId = useId();',
    '',
    'useEffect(() => {',
    '  if (isOpen) initialFocusRef.current?.focus();',
    '}, [isOpen]);',
    '',
    ...handler(context, 'handleClose', '', ['setIsOpen(false);', 'onClose?.();', 'triggerRef.current?.focus();'], ['onClose']),
    '',
    ...handler(context, 'handleConfirm', '', ['onConfirm?.();', 'handleClose();'], ['onConfirm', 'handleClose']),
    '',
    '// Tab and Shift+Tab cycle inside the dialog; Escape closes it (APG dialog pattern).',
    ...handler(
      context,
      'handleKeyDown',
      'event: { key: string; shiftKey: boolean; preventDefault: () => void; stopPropagation: () => void }',
      [
        "if (event.key === 'Escape') {",
        '  event.stopPropagation();',
        '  handleClose();',
        '  return;',
        '}',
        "if (event.key !== 'Tab') return;",
        "const candidates = dialogRef.current?.querySelectorAll<HTMLElement>('button, a, input, select, textarea');",
        "const focusable = Array.from(candidates ?? []).filter((element) => !element.hasAttribute('disabled'));",
        'const first = focusable[0];',
        'const last = focusable[focusable.length - 1];',
        'if (!first || !last) return;',
        'if (event.shiftKey && document.activeElement === first) {',
        '  event.preventDefault();',
        '  last.focus();',
        '} else if (!event.shiftKey && document.activeElement === last) {',
        '  event.preventDefault();',
        '  first.focus();',
        '}',
      ],
      ['handleClose'],
    ),
  ];
}

/** The trigger button; `disabled` is passed when the plan has a disabled state. */
export function dialogTrigger(plan: TComponentPlan, className: string): string {
  const disabled = plan.states.includes('disabled') ? ' disabled={disabled}' : '';
  return `<button ref={triggerRef} type="button" onClick={() => setIsOpen(true)}${disabled} className=${literal(className)}>
  {triggerLabel}
</button>`;
}

/** Behaviour and keyboard tests every dialog-like part passes. */
export function dialogTests(labels: TDialogLabels): TKitTest[] {
  return [
    {
      name: 'opens from its trigger and moves focus inside the dialog',
      body: [
        'const { user } = await setup();',
        `await user.click(screen.getByRole('button', { name: ${literal(labels.trigger)} }));`,
        `const dialog = screen.getByRole('dialog', { name: ${literal(labels.title)} });`,
        "expect(dialog.getAttribute('aria-modal')).toBe('true');",
        `expect(screen.getByText(${literal(labels.description)})).toBeTruthy();`,
        'expect(dialog.contains(document.activeElement)).toBe(true);',
      ],
    },
    {
      name: 'closes on Escape and gives focus back to the trigger',
      body: [
        'const { user, props } = await setup();',
        `const trigger = screen.getByRole('button', { name: ${literal(labels.trigger)} });`,
        'await user.click(trigger);',
        "await user.keyboard('{Escape}');",
        "expect(screen.queryByRole('dialog')).toBeNull();",
        'expect(props.onClose).toHaveBeenCalledTimes(1);',
        'expect(document.activeElement).toBe(trigger);',
      ],
    },
    {
      name: 'keeps Tab and Shift+Tab inside the dialog',
      body: [
        'const { user } = await setup({ defaultOpen: true });',
        "const buttons = within(screen.getByRole('dialog')).getAllByRole('button');",
        'const first = buttons[0] as HTMLElement;',
        'const last = buttons[buttons.length - 1] as HTMLElement;',
        'last.focus();',
        'await user.tab();',
        'expect(document.activeElement).toBe(first);',
        'await user.tab({ shift: true });',
        'expect(document.activeElement).toBe(last);',
      ],
    },
    {
      name: 'confirms, then closes',
      body: [
        'const { user, props } = await setup({ defaultOpen: true });',
        `await user.click(screen.getByRole('button', { name: ${literal(labels.confirm)} }));`,
        'expect(props.onConfirm).toHaveBeenCalledTimes(1);',
        "expect(screen.queryByRole('dialog')).toBeNull();",
      ],
    },
    {
      name: 'closes from the cancel button without confirming',
      body: [
        'const { user, props } = await setup({ defaultOpen: true });',
        `await user.click(screen.getByRole('button', { name: ${literal(labels.cancel)} }));`,
        'expect(props.onConfirm).not.toHaveBeenCalled();',
        'expect(props.onClose).toHaveBeenCalledTimes(1);',
      ],
    },
  ];
}

/** The Default story's play: open, check the dialog, close with Escape. */
export function dialogPlay(labels: TDialogLabels): string[] {
  return [
    `await userEvent.click(canvas.getByRole('button', { name: ${literal(labels.trigger)} }));`,
    // The dialog is inside the canvas: it is rendered in place, not in a portal.
    `const dialog = await canvas.findByRole('dialog', { name: ${literal(labels.title)} });`,
    'await expect(dialog).toBeVisible();',
    "await userEvent.keyboard('{Escape}');",
    "await expect(canvas.queryByRole('dialog')).toBeNull();",
    'await expect(args.onClose).toHaveBeenCalled();',
  ];
}

/** Labels from the plan: destructive wording when the prompt is about deleting. */
export function dialogLabels(plan: TComponentPlan, fallbackTitle: string): TDialogLabels & { isDestructive: boolean } {
  const text = `${plan.name} ${plan.summary}`;
  const isDestructive = /delet|remov|danger|destroy|discard/i.test(text);
  const subject = /file/i.test(text) ? 'file' : /project/i.test(text) ? 'project' : /account/i.test(text) ? 'account' : 'item';
  if (isDestructive)
    return {
      isDestructive,
      title: `Delete this ${subject}?`,
      description: `The ${subject} is removed for everyone. This cannot be undone.`,
      trigger: `Delete ${subject}`,
      confirm: 'Delete',
      cancel: 'Cancel',
    };
  return {
    isDestructive,
    title: fallbackTitle,
    description: 'Review the details, then confirm.',
    trigger: `Open ${fallbackTitle.toLowerCase()}`,
    confirm: 'Confirm',
    cancel: 'Cancel',
  };
}
