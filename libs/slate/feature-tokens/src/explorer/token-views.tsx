// The explorer's token views (swatches, specimens, rulers, boxes, cards). Props in, markup out; values
// are drawn with inline styles from the resolved values of the previewed theme.
import type { CSSProperties, ReactNode } from 'react';
import { TokenCopyButtons } from '../lib/copy-button';
import { describeValue } from '../lib/diff';
import type { TTokenEntry } from '../lib/types';
import { Badge, TABLE, TABLE_WRAPPER, TD, TableHead } from '@lumenforge/ui/page-parts';
import { CODE } from '../lib/ui';
import { colorFacts, dimensionPx, type TPalette, type TTypeStep } from './explorer-model';

export function testIdOf(entry: Pick<TTokenEntry, 'path'>): string {
  return `token-${entry.path}`;
}

/** "Deprecated" with the reason in its title, or nothing. */
export function DeprecatedBadge({ deprecated }: { deprecated: TTokenEntry['deprecated'] }) {
  if (!deprecated) return null;
  const reason = typeof deprecated === 'string' ? deprecated : undefined;
  return (
    <Badge tone="warning" title={reason}>
      Deprecated{reason ? `: ${reason}` : ''}
    </Badge>
  );
}

/** The token's name (monospace; struck through when deprecated). */
export function TokenName({ entry }: { entry: TTokenEntry }) {
  return (
    <span className={`font-mono text-xs break-all ${entry.deprecated ? 'text-fg-muted line-through' : ''}`}>
      {entry.path}
    </span>
  );
}

/** The name with the deprecation badge beside it. */
function TokenTitle({ entry }: { entry: TTokenEntry }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <TokenName entry={entry} />
      <DeprecatedBadge deprecated={entry.deprecated} />
    </div>
  );
}

/** The last segment of the path: `radius.md` → `md`. */
function leafName(entry: TTokenEntry): string {
  return entry.path.split('.').at(-1) ?? entry.path;
}

/** A colour drawn as an image, named by its path and hex. */
function ColorChip({ entry, className, title }: { entry: TTokenEntry; className: string; title?: string }) {
  return (
    <div
      className={`rounded-md border border-black/10 ${className}`}
      style={{ backgroundColor: entry.css }}
      role="img"
      aria-label={`${entry.path}: ${colorFacts(entry.value).hex ?? entry.css}`}
      title={title}
    />
  );
}

function Copy({ entry }: { entry: TTokenEntry }) {
  return (
    <TokenCopyButtons
      cssVariable={entry.cssVariable || undefined}
      tailwindClass={entry.tailwindClass}
      value={entry.css || describeValue(entry.value)}
      testIdPrefix={testIdOf(entry)}
    />
  );
}

/**
 * Which edge of its swatch the popover hangs from: swatches in the right half of their row (6
 * columns on phones, 11 from md) open leftwards, so the popover stays on screen.
 */
function popoverEdge(index: number): string {
  const mobile = index % 6 >= 3 ? 'right-0' : 'left-0';
  const desktop = index >= 6 ? 'md:right-0 md:left-auto' : 'md:left-0 md:right-auto';
  return `${mobile} ${desktop}`;
}

/** One colour step: the swatch, its step and hex below, oklch and copy buttons on hover or focus. */
export function Swatch({ entry, label, index = 0 }: { entry: TTokenEntry; label: string; index?: number }) {
  const facts = colorFacts(entry.value);
  return (
    <li className="group relative min-w-0" data-testid={testIdOf(entry)}>
      <ColorChip entry={entry} className="h-12" title={facts.oklch ?? entry.css} />
      <div className="mt-1 flex items-baseline justify-between gap-1 text-xs">
        <span className="font-medium">{label}</span>
        {entry.deprecated ? <span className="text-warning-text">dep.</span> : null}
      </div>
      <div className="font-mono text-[11px] text-fg-muted">{facts.hex ?? entry.css}</div>
      <div
        className={`pointer-events-none absolute top-full ${popoverEdge(index)} z-20 mt-1 w-56 rounded-md border border-border bg-surface-raised p-2 text-xs opacity-0 shadow-md transition-opacity group-focus-within:pointer-events-auto group-focus-within:opacity-100 group-hover:pointer-events-auto group-hover:opacity-100`}
      >
        <p className="font-mono break-all">{entry.path}</p>
        {facts.oklch ? <p className="mt-0.5 font-mono text-fg-muted">{facts.oklch}</p> : null}
        {entry.description ? <p className="mt-0.5 text-fg-muted">{entry.description}</p> : null}
        <div className="mt-1.5">
          <Copy entry={entry} />
        </div>
      </div>
    </li>
  );
}

/** A palette: its name and eleven steps, 50 (light) to 950 (dark). */
export function PaletteRow({ palette }: { palette: TPalette }) {
  return (
    <div
      className="grid gap-2 sm:grid-cols-[7rem_minmax(0,1fr)] sm:items-start"
      data-testid={`palette-${palette.name}`}
    >
      <div className="pt-3">
        <p className="text-sm font-medium capitalize">{palette.name}</p>
        <p className="text-xs text-fg-muted">{palette.kind === 'other' ? 'palette' : palette.kind}</p>
      </div>
      <ul className="grid grid-cols-6 gap-2 md:grid-cols-11" aria-label={`${palette.name} palette`}>
        {palette.steps.map((entry, index) => (
          <Swatch key={entry.path} entry={entry} label={entry.path.split('.').at(-1) ?? ''} index={index} />
        ))}
      </ul>
    </div>
  );
}

/** A card per semantic colour: swatch, name, what it is for, alias, values and copy buttons. */
export function ColorCard({ entry }: { entry: TTokenEntry }) {
  const facts = colorFacts(entry.value);
  return (
    <li className="flex gap-3 rounded-lg border border-border bg-surface p-2.5" data-testid={testIdOf(entry)}>
      <ColorChip entry={entry} className="size-12 shrink-0" />
      <div className="min-w-0 flex-1 space-y-1">
        <TokenTitle entry={entry} />
        {entry.description ? <p className="text-xs text-fg-muted">{entry.description}</p> : null}
        <p className="font-mono text-[11px] text-fg-muted">
          {facts.hex ?? entry.css}
          {entry.aliasOf ? ` · ${entry.aliasOf}` : ''}
        </p>
        <Copy entry={entry} />
      </div>
    </li>
  );
}

/** "The quick brown fox" at each size of the type scale, with its size and line height. */
export function TypeSpecimen({ step }: { step: TTypeStep }) {
  const style: CSSProperties = { fontSize: step.size.css, lineHeight: step.lineHeight?.css };
  return (
    <li
      className="grid gap-2 border-b border-border py-3 last:border-b-0 md:grid-cols-[11rem_minmax(0,1fr)]"
      data-testid={testIdOf(step.size)}
    >
      <div className="space-y-1 text-xs">
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono font-medium">text-{step.name}</span>
          <DeprecatedBadge deprecated={step.size.deprecated} />
        </div>
        <p className="font-mono text-fg-muted">
          {step.size.css}
          {step.lineHeight ? ` / ${step.lineHeight.css}` : ''}
          {dimensionPx(step.size.value) !== null ? ` · ${dimensionPx(step.size.value)}px` : ''}
        </p>
        <Copy entry={step.size} />
      </div>
      <p className="min-w-0 truncate" style={style}>
        The quick brown fox
      </p>
    </li>
  );
}

/** A spacing step as a bar of its real width. */
export function SpacingBar({ entry }: { entry: TTokenEntry }) {
  const px = dimensionPx(entry.value) ?? 0;
  const name = entry.path.slice('spacing.'.length).replace('_', '.');
  return (
    <li
      className="grid grid-cols-[4rem_5rem_minmax(0,1fr)_auto] items-center gap-3 py-1"
      data-testid={testIdOf(entry)}
    >
      <span className="font-mono text-xs font-medium">{name}</span>
      <span className="font-mono text-xs text-fg-muted">{entry.css}</span>
      <span className="min-w-0 overflow-hidden">
        <span
          className="block h-3 rounded-sm bg-accent-400"
          style={{ width: entry.css }}
          role="img"
          aria-label={`${px}px`}
        />
      </span>
      <span className="flex items-center gap-1.5">
        <DeprecatedBadge deprecated={entry.deprecated} />
        <Copy entry={entry} />
      </span>
    </li>
  );
}

/** A box with the radius applied. */
export function RadiusBox({ entry }: { entry: TTokenEntry }) {
  const name = leafName(entry);
  return (
    <li className="space-y-2" data-testid={testIdOf(entry)}>
      <div
        className="size-20 border-2 border-accent-500 bg-accent-surface"
        style={{ borderRadius: entry.css }}
        role="img"
        aria-label={`${entry.path}: ${entry.css}`}
      />
      <div className="text-xs">
        <p className="font-mono font-medium">rounded-{name}</p>
        <p className="font-mono text-fg-muted">{entry.css}</p>
      </div>
      <DeprecatedBadge deprecated={entry.deprecated} />
      <Copy entry={entry} />
    </li>
  );
}

/** A card lifted by the shadow. */
export function ShadowCard({ entry }: { entry: TTokenEntry }) {
  const name = leafName(entry);
  return (
    <li className="space-y-3" data-testid={testIdOf(entry)}>
      <div
        className="grid h-24 place-items-center rounded-lg bg-surface-raised text-sm font-medium"
        style={{ boxShadow: entry.css }}
      >
        shadow-{name}
      </div>
      <p className="font-mono text-[11px] break-all text-fg-muted">{entry.css}</p>
      <DeprecatedBadge deprecated={entry.deprecated} />
      <Copy entry={entry} />
    </li>
  );
}

/** Tokens no special view draws (font families and weights, numbers, composites): one row each. */
export function TokenTable({ entries, caption }: { entries: TTokenEntry[]; caption: string }) {
  return (
    <div className={TABLE_WRAPPER}>
      <table className={TABLE}>
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={['Token', 'Type', 'Value', 'Copy']} />
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.path} data-testid={testIdOf(entry)}>
              <td className={TD}>
                <TokenTitle entry={entry} />
                {entry.description ? (
                  <p className="mt-0.5 text-xs text-fg-muted">{entry.description}</p>
                ) : null}
              </td>
              <td className={`${TD} text-xs text-fg-muted`}>{String(entry.type)}</td>
              <td className={TD}>
                <FontPreview entry={entry} />
                <code className={`${CODE} break-all`}>{entry.css || describeValue(entry.value)}</code>
              </td>
              <td className={TD}>
                <Copy entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FontPreview({ entry }: { entry: TTokenEntry }): ReactNode {
  if (entry.type === 'fontFamily')
    return (
      <span className="mb-1 block text-base" style={{ fontFamily: entry.css }}>
        Aa Bb Cc 0123
      </span>
    );
  if (entry.type === 'fontWeight')
    return (
      <span className="mb-1 block text-base" style={{ fontWeight: entry.css as CSSProperties['fontWeight'] }}>
        The quick brown fox
      </span>
    );
  return null;
}

/** A code snippet showing how to use a section's tokens. */
export function UsageExample({ code, title = 'Usage' }: { code: string; title?: string }) {
  return (
    <figure className="mt-3">
      <figcaption className="text-xs font-medium text-fg-muted">{title}</figcaption>
      <pre className="mt-1 overflow-x-auto rounded-md border border-border bg-surface-sunken p-3 font-mono text-xs">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
