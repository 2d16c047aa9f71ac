export type TStatus = 'ok' | 'degraded' | 'down';

const STATUS_STYLE: Record<TStatus, { dot: string; text: string; label: string }> = {
  ok: { dot: 'bg-success-500', text: 'text-success-text', label: 'Operational' },
  degraded: { dot: 'bg-warning-500', text: 'text-warning-text', label: 'Degraded' },
  down: { dot: 'bg-danger-500', text: 'text-danger-text', label: 'Down' },
};

export type StatusBadgeProps = { status: TStatus; label?: string };

/** A status dot with a text label (never colour alone). */
export function StatusBadge({ status, label }: StatusBadgeProps) {
  const style = STATUS_STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-medium ${style.text}`}>
      <span aria-hidden="true" className={`size-2 rounded-full ${style.dot}`} />
      {label ?? style.label}
    </span>
  );
}
