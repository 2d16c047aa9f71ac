import { FOCUS } from '@lumenforge/ui/page-parts';

export const EXPORT_FORMATS = [
  { format: 'css', label: 'CSS' },
  { format: 'tailwind', label: 'Tailwind' },
  { format: 'ts', label: 'TypeScript' },
  { format: 'dtcg', label: 'DTCG JSON' },
] as const;

/** `/api/tokens/export?format=css&theme=dark&version=3` (or `version=draft`). */
export function exportUrl(format: string, theme: 'light' | 'dark', version: number | 'draft' | null): string {
  const params = new URLSearchParams({ format, theme });
  if (version !== null) params.set('version', String(version));
  return `/api/tokens/export?${params.toString()}`;
}

/** Download links, format × theme. */
export function ExportLinks({ version, label }: { version: number | 'draft' | null; label: string }) {
  return (
    <div className="overflow-x-auto" data-testid="export-links">
      <table className="text-sm">
        <caption className="sr-only">{label}</caption>
        <tbody>
          {(['light', 'dark'] as const).map((theme) => (
            <tr key={theme}>
              <th scope="row" className="pr-3 text-left text-xs font-medium text-fg-muted capitalize">
                {theme}
              </th>
              {EXPORT_FORMATS.map(({ format, label: formatLabel }) => (
                <td key={format} className="py-0.5 pr-1">
                  <a
                    href={exportUrl(format, theme, version)}
                    download
                    className={`inline-block rounded border border-border bg-surface px-2 py-0.5 text-xs font-medium hover:bg-surface-sunken ${FOCUS}`}
                    aria-label={`Download ${formatLabel}, ${theme} theme`}
                    data-testid={`export-${format}-${theme}`}
                  >
                    {formatLabel}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
