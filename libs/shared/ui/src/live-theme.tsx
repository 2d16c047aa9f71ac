'use client';
import type { TShellTheme } from '@lumenforge/shell-contracts';
import { useCallback, useState } from 'react';
import { useEventStream } from './use-event-stream';

const href = (path: string, version: number | null) => (version === null ? path : `${path}?v=${version}`);

/**
 * The workspace's published theme as a stylesheet after the build-time one, kept current: when
 * SLATE publishes (the `tokens` topic of the app's live connection), the new version's sheet is loaded next to the old one and the old one is
 * dropped once the new one has loaded, so the page restyles in place without a flash or reload.
 */
export function LiveTheme({ version, stylesheetPath }: TShellTheme) {
  const [sheets, setSheets] = useState<(number | null)[]>([version]);
  const onEvent = useCallback((event: { envelope: { data: unknown } }) => {
    const next = (event.envelope.data as { version?: unknown }).version;
    if (typeof next !== 'number') return;
    setSheets((current) => (current.some((v) => v !== null && v >= next) ? current : [...current, next]));
  }, []);
  useEventStream('tokens', ['wissil.tokens.updated'], onEvent);
  const newest = sheets[sheets.length - 1];
  return (
    <>
      {sheets.map((sheetVersion) => (
        <link
          key={sheetVersion ?? 'default'}
          rel="stylesheet"
          href={href(stylesheetPath, sheetVersion)}
          data-token-version={sheetVersion ?? ''}
          onLoad={() => {
            if (sheetVersion === newest)
              setSheets((current) =>
                current.filter((v) => v === sheetVersion || (v ?? 0) > (sheetVersion ?? 0)),
              );
          }}
        />
      ))}
    </>
  );
}
