'use client';
import { useId, useMemo, useState, type CSSProperties } from 'react';
import { ExportLinks } from '../lib/export-links';
import { formatDateTime, plural } from '@lumenforge/ui/format';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  categoryOf,
  EMPTY_FILTER,
  filterEntries,
  typesOf,
  type TCategory,
  type TEntryFilter,
} from '../lib/search';
import type { TThemedEntries, TThemeName, TTokenEntry, TTokenVersionSummary } from '../lib/types';
import {
  Badge,
  BUTTON_SECONDARY,
  FOCUS,
  INPUT,
  LABEL,
  LINK,
  PageHeader,
  Section,
} from '@lumenforge/ui/page-parts';
import { EmptyState, SelectField } from '../lib/ui';
import { groupPalettes, otherColors, spacingScale, typeScale, USAGE_EXAMPLES } from './explorer-model';
import { MotionDemo } from './motion-demo';
import {
  ColorCard,
  PaletteRow,
  RadiusBox,
  ShadowCard,
  SpacingBar,
  TokenTable,
  TypeSpecimen,
  UsageExample,
} from './token-views';

export type TokenExplorerProps = {
  /** The published version shown (null before the first publish). */
  version: TTokenVersionSummary | null;
  /** Resolved entries of that version, per theme. */
  entries: TThemedEntries;
  canWrite: boolean;
  /** The search to start with (`?q=`: the workspace search links token paths here). */
  initialQuery?: string;
};

/**
 * Inline custom properties that make a subtree look like `theme` whatever the page's theme: every
 * colour and shadow variable of that theme (the per-system accent roles included; the unnamed
 * `--color-accent*` of the active system are no token's variable, they follow `data-system`).
 */
export function themeStyle(entries: readonly TTokenEntry[]): CSSProperties {
  const style: Record<string, string> = {};
  for (const entry of entries) {
    const name = entry.cssVariable;
    if (!name || !entry.css) continue;
    if (name.startsWith('--color-') || name.startsWith('--shadow-')) style[name] = entry.css;
  }
  return style as CSSProperties;
}

/** The published tokens of the workspace, drawn in the chosen theme, with search and filters. */
export function TokenExplorer({ version, entries, canWrite, initialQuery = '' }: TokenExplorerProps) {
  const [theme, setTheme] = useState<TThemeName>('light');
  const [filter, setFilter] = useState<TEntryFilter>({ ...EMPTY_FILTER, query: initialQuery });
  const ids = useId();
  const themed = entries[theme];
  const visible = useMemo(() => filterEntries(themed, filter), [themed, filter]);
  const types = useMemo(() => typesOf(themed), [themed]);
  const style = useMemo(() => themeStyle(themed), [themed]);
  const isFiltered = filter.query !== '' || filter.category !== 'all' || filter.type !== 'all';
  const show = (category: TCategory) => filter.category === 'all' || filter.category === category;

  const palettes = groupPalettes(visible);
  const colors = otherColors(visible);
  const scale = typeScale(visible);
  const spacing = spacingScale(visible);
  const radii = visible.filter((entry) => categoryOf(entry) === 'radii');
  const shadows = visible.filter((entry) => categoryOf(entry) === 'shadows');
  const durations = visible.filter((entry) => entry.type === 'duration');
  const easings = visible.filter((entry) => entry.type === 'cubicBezier');
  const otherAnimation = visible.filter(
    (entry) => categoryOf(entry) === 'animation' && entry.type !== 'duration' && entry.type !== 'cubicBezier',
  );
  const drawnTypography = new Set(scale.flatMap((step) => [step.size.path, step.lineHeight?.path ?? '']));
  const otherTypography = visible.filter(
    (entry) => categoryOf(entry) === 'typography' && !drawnTypography.has(entry.path),
  );
  const uncategorised = visible.filter((entry) => categoryOf(entry) === null);
  const standardEasing = themed.find((entry) => entry.path === 'easing.standard')?.css ?? 'ease';
  const normalDuration = themed.find((entry) => entry.path === 'duration.normal')?.css ?? '250ms';

  return (
    <div className="space-y-6">
      <PageHeader
        title="Design tokens"
        description={
          version ? (
            <p data-testid="published-version">
              Published version <strong className="font-semibold text-fg">{version.semver}</strong> ·{' '}
              <time dateTime={version.publishedAt}>{formatDateTime(version.publishedAt)}</time>
              {version.author ? ` by ${version.author.name}` : ''} ·{' '}
              <a href="/versions" className={LINK}>
                Version history
              </a>
              {version.isBreaking ? (
                <>
                  {' '}
                  <Badge tone="danger">Breaking</Badge>
                </>
              ) : null}
            </p>
          ) : (
            <p data-testid="published-version">
              Nothing is published yet.{' '}
              {canWrite ? (
                <a className={LINK} href="/editor">
                  Open the editor to publish the first version
                </a>
              ) : (
                'A designer publishes the first version from the editor.'
              )}
            </p>
          )
        }
        actions={
          <>
            <div
              role="group"
              aria-label="Preview theme"
              className="inline-flex rounded-md border border-border bg-surface p-0.5"
            >
              {(['light', 'dark'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  aria-pressed={theme === name}
                  onClick={() => setTheme(name)}
                  className={`rounded px-3 py-1 text-sm font-medium capitalize ${FOCUS} ${
                    theme === name ? 'bg-accent-surface text-accent-text' : 'text-fg-muted hover:text-fg'
                  }`}
                  data-testid={`theme-switch-${name}`}
                >
                  {name === 'light' ? 'Light' : 'Dark'}
                </button>
              ))}
            </div>
            <a href="/editor" className={BUTTON_SECONDARY}>
              {canWrite ? 'Edit tokens' : 'View draft'}
            </a>
          </>
        }
      />

      <search className="flex flex-wrap items-end gap-3" aria-label="Filter tokens">
        <div className="min-w-56 flex-1">
          <label htmlFor={`${ids}-query`} className={LABEL}>
            Search
          </label>
          <input
            id={`${ids}-query`}
            type="search"
            className={`${INPUT} mt-1`}
            placeholder="Path, value or description: fg-muted, #16181d, 150ms"
            value={filter.query}
            onChange={(event) => setFilter({ ...filter, query: event.target.value })}
            data-testid="explorer-search"
          />
        </div>
        <SelectField
          id={`${ids}-category`}
          label="Category"
          className="w-40"
          value={filter.category}
          options={[
            { value: 'all', label: 'All categories' },
            ...CATEGORIES.map((category) => ({ value: category, label: CATEGORY_LABELS[category] })),
          ]}
          onChange={(category) => setFilter({ ...filter, category: category as TEntryFilter['category'] })}
          testId="explorer-category"
        />
        <SelectField
          id={`${ids}-type`}
          label="Type"
          className="w-40"
          value={filter.type}
          options={[{ value: 'all', label: 'All types' }, ...types]}
          onChange={(type) => setFilter({ ...filter, type })}
          testId="explorer-type"
        />
        <p className="pb-2 text-sm text-fg-muted" aria-live="polite" data-testid="explorer-count">
          {isFiltered
            ? `${plural(visible.length, 'token')} of ${themed.length}`
            : plural(themed.length, 'token')}
        </p>
      </search>

      <div
        data-theme={theme}
        style={style}
        className="space-y-10 rounded-xl border border-border bg-bg p-4 text-fg sm:p-6"
        data-testid="theme-preview"
        aria-label={`Tokens in the ${theme} theme`}
        role="region"
      >
        {themed.length === 0 ? (
          <EmptyState title="This version has no tokens">
            {canWrite
              ? 'Add tokens or import a DTCG file in the editor, then publish.'
              : 'Ask a designer to publish tokens.'}
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState title="No tokens match" testId="explorer-empty">
            <p>Try another word, or </p>
            <button type="button" className={`${LINK} mt-1`} onClick={() => setFilter(EMPTY_FILTER)}>
              clear the filters
            </button>
          </EmptyState>
        ) : null}

        {show('colors') &&
        (palettes.length > 0 || colors.semantic.length + colors.accent.length + colors.single.length > 0) ? (
          <Section
            id="colors"
            title="Colours"
            description="Palettes share one OKLCH lightness ramp: step N is equally light in every hue. Hover or focus a swatch for oklch and copy buttons."
          >
            <div className="space-y-8">
              {palettes.length ? (
                <Section
                  id="palettes"
                  level={3}
                  title="Palettes"
                  description="The six system palettes, neutral and the status palettes, 50 (light) to 950 (dark). Prefer semantic names in product code."
                >
                  <div className="space-y-4">
                    {palettes.map((palette) => (
                      <PaletteRow key={palette.name} palette={palette} />
                    ))}
                  </div>
                  <UsageExample code={USAGE_EXAMPLES['palettes'] ?? ''} />
                </Section>
              ) : null}
              {colors.semantic.length ? (
                <Section
                  id="semantic-colors"
                  level={3}
                  title="Semantic colours"
                  description={`What each role looks like in the ${theme} theme; they switch with the theme by themselves (no dark: variant).`}
                >
                  <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                    {colors.semantic.map((entry) => (
                      <ColorCard key={entry.path} entry={entry} />
                    ))}
                  </ul>
                  <UsageExample code={USAGE_EXAMPLES['semantic'] ?? ''} />
                </Section>
              ) : null}
              {colors.accent.length ? (
                <Section
                  id="accent-colors"
                  level={3}
                  title="Accent roles"
                  description="Per system; the page's data-system picks which set becomes --color-accent, -hover, -fg, -text, -surface."
                >
                  <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                    {colors.accent.map((entry) => (
                      <ColorCard key={entry.path} entry={entry} />
                    ))}
                  </ul>
                </Section>
              ) : null}
              {colors.single.length ? (
                <Section id="single-colors" level={3} title="Other colours">
                  <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                    {colors.single.map((entry) => (
                      <ColorCard key={entry.path} entry={entry} />
                    ))}
                  </ul>
                </Section>
              ) : null}
            </div>
          </Section>
        ) : null}

        {show('typography') && (scale.length > 0 || otherTypography.length > 0) ? (
          <Section
            id="typography"
            title="Typography"
            description="The type scale xs–9xl with each step's line height, then families and weights."
          >
            {scale.length ? (
              <ul className="rounded-lg border border-border bg-surface px-3" aria-label="Type scale">
                {scale.map((step) => (
                  <TypeSpecimen key={step.name} step={step} />
                ))}
              </ul>
            ) : null}
            {otherTypography.length ? (
              <div className="mt-4">
                <TokenTable
                  entries={otherTypography}
                  caption="Font families, weights and other typography tokens"
                />
              </div>
            ) : null}
            <UsageExample code={USAGE_EXAMPLES['typography'] ?? ''} />
          </Section>
        ) : null}

        {show('spacing') && spacing.length ? (
          <Section
            id="spacing"
            title="Spacing"
            description="Each step at its real width. Tailwind multiplies --spacing (4px): p-4 is 16px."
          >
            <ul className="rounded-lg border border-border bg-surface px-3 py-2" aria-label="Spacing scale">
              {spacing.map((entry) => (
                <SpacingBar key={entry.path} entry={entry} />
              ))}
            </ul>
            <UsageExample code={USAGE_EXAMPLES['spacing'] ?? ''} />
          </Section>
        ) : null}

        {show('radii') && radii.length ? (
          <Section id="radii" title="Radii">
            <ul className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7">
              {radii.map((entry) => (
                <RadiusBox key={entry.path} entry={entry} />
              ))}
            </ul>
            <UsageExample code={USAGE_EXAMPLES['radii'] ?? ''} />
          </Section>
        ) : null}

        {show('shadows') && shadows.length ? (
          <Section
            id="shadows"
            title="Shadows"
            description="Elevation; the shadow colour deepens in the dark theme."
          >
            <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-5">
              {shadows.map((entry) => (
                <ShadowCard key={entry.path} entry={entry} />
              ))}
            </ul>
            <UsageExample code={USAGE_EXAMPLES['shadows'] ?? ''} />
          </Section>
        ) : null}

        {show('animation') && durations.length + easings.length + otherAnimation.length > 0 ? (
          <Section
            id="animation"
            title="Animation"
            description="Hover a row or press Play: durations run with the standard easing, easings over the normal duration. Reduced motion is respected."
          >
            <ul
              className="rounded-lg border border-border bg-surface px-3"
              aria-label="Durations and easings"
            >
              {durations.map((entry) => (
                <MotionDemo key={entry.path} entry={entry} duration={entry.css} easing={standardEasing} />
              ))}
              {easings.map((entry) => (
                <MotionDemo key={entry.path} entry={entry} duration={normalDuration} easing={entry.css} />
              ))}
            </ul>
            {otherAnimation.length ? (
              <div className="mt-4">
                <TokenTable entries={otherAnimation} caption="Other animation tokens" />
              </div>
            ) : null}
            <UsageExample code={USAGE_EXAMPLES['animation'] ?? ''} />
          </Section>
        ) : null}

        {filter.category === 'all' && uncategorised.length ? (
          <Section id="other-tokens" title="Other tokens">
            <TokenTable entries={uncategorised} caption="Other tokens" />
          </Section>
        ) : null}
      </div>

      <Section
        id="export"
        title="Export"
        description={
          version ? `Version ${version.semver} as a file, per theme.` : 'Publish a version to export it.'
        }
      >
        {version ? <ExportLinks version={version.number} label="Export the published version" /> : null}
      </Section>
    </div>
  );
}
