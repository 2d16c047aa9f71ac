import { summaryText } from '../lib/diff';
import { BreakingReport, BumpBadge, DiffView } from '../lib/diff-view';
import { ExportLinks } from '../lib/export-links';
import { formatDateTime } from '@lumenforge/ui/format';
import type { TTokenVersion } from '../lib/types';
import { Badge, LINK, PageHeader, Section } from '@lumenforge/ui/page-parts';

/** One published version: who, when, why, and what changed against the version before it. */
export function VersionDetail({ version }: { version: TTokenVersion }) {
  return (
    <div className="space-y-8">
      <PageHeader
        title={`Version ${version.semver}`}
        description={
          <p>
            Published <time dateTime={version.publishedAt}>{formatDateTime(version.publishedAt)}</time>
            {version.author ? ` by ${version.author.name}` : ''}
            {version.restoredFrom !== null ? ` · restored from version #${version.restoredFrom}` : ''} ·{' '}
            <a className={LINK} href="/versions">
              All versions
            </a>
          </p>
        }
        actions={
          <>
            <BumpBadge bump={version.bump} isFirst={version.number === 1} />
            {version.isBreaking ? <Badge tone="danger">Breaking</Badge> : null}
          </>
        }
      />
      <Section id="changelog" title="Changelog">
        <p className="text-sm whitespace-pre-line">{version.changelog || 'No changelog.'}</p>
      </Section>
      <Section id="changes" title="Changes" description={summaryText(version.summary)}>
        <div className="space-y-4">
          <BreakingReport diff={version.diff} />
          <DiffView
            diff={version.diff}
            emptyText="The first version, or no changes against the one before."
          />
        </div>
      </Section>
      <Section id="export" title="Export">
        <ExportLinks version={version.number} label={`Export version ${version.semver}`} />
      </Section>
    </div>
  );
}
