'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  canEmbedPreviewWhenIsolated,
  probeReachable,
  STACKBLITZ_ORIGIN,
  webContainerAvailability,
  type TStackBlitzReach,
  type TWebContainerAvailability,
} from '../../_webcontainer/availability';
import type { TWebContainerSession } from '../../_webcontainer/runtime';

export type TWebContainerSettings = { isEnabledByAdmin: boolean; isPackageInstalled: boolean };

export type TWebContainerState = {
  availability: TWebContainerAvailability;
  /** The page is cross-origin isolated (only with IGNIS_WEBCONTAINER=on). */
  isIsolated: boolean;
  /** False when the page is isolated and this browser cannot embed the IGNIS preview (no credentialless iframes). */
  canShowIgnisPreview: boolean;
  status: string | null;
  error: string | null;
  /** The WebContainer dev server's URL once it is ready. */
  url: string | null;
  /** Writes a saved file into the running WebContainer (no-op when none runs). */
  writeFile: (path: string, content: string) => Promise<void>;
};

/**
 * The in-browser runtime's availability (admin flag, package, isolation, a probe of StackBlitz) and,
 * while it is the chosen runtime, its session: the project's files mounted, `npm install`, `npm run dev`.
 */
export function useWebContainer(options: {
  settings: TWebContainerSettings;
  isChosen: boolean;
  loadFiles: () => Promise<Record<string, string>>;
}): TWebContainerState {
  const { settings, isChosen } = options;
  const [isIsolated, setIsIsolated] = useState(false);
  const [canEmbed, setCanEmbed] = useState(true);
  const [stackBlitz, setStackBlitz] = useState<TStackBlitzReach>('unchecked');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const session = useRef<TWebContainerSession | null>(null);
  const loadFiles = useRef(options.loadFiles);
  loadFiles.current = options.loadFiles;

  // What only the browser knows; StackBlitz is probed only when everything else allows WebContainer.
  useEffect(() => {
    const isolated = window.crossOriginIsolated;
    setIsIsolated(isolated);
    setCanEmbed(!isolated || canEmbedPreviewWhenIsolated(globalThis.HTMLIFrameElement?.prototype));
    if (!settings.isEnabledByAdmin || !settings.isPackageInstalled || !isolated) return;
    let isCancelled = false;
    setStackBlitz('checking');
    void probeReachable(STACKBLITZ_ORIGIN).then((reach) => {
      if (!isCancelled) setStackBlitz(reach);
    });
    return () => {
      isCancelled = true;
    };
  }, [settings.isEnabledByAdmin, settings.isPackageInstalled]);

  const availability = webContainerAvailability({
    ...settings,
    isCrossOriginIsolated: isIsolated,
    stackBlitz,
  });

  useEffect(() => {
    if (!isChosen || !availability.isAvailable) return;
    let isCancelled = false;
    setError(null);
    setUrl(null);
    void (async () => {
      try {
        const [files, runtime] = await Promise.all([
          loadFiles.current(),
          import('../../_webcontainer/runtime'),
        ]);
        const started = await runtime.startWebContainerSession({
          files,
          onStatus: (text) => !isCancelled && setStatus(text),
          onServerReady: (ready) => {
            if (isCancelled) return;
            setUrl(ready);
            setStatus(null);
          },
        });
        if (isCancelled) started.teardown();
        else session.current = started;
      } catch (failure) {
        if (!isCancelled) setError(`WebContainer failed: ${(failure as Error).message}`);
      }
    })();
    return () => {
      isCancelled = true;
      session.current?.teardown();
      session.current = null;
    };
  }, [isChosen, availability.isAvailable]);

  const writeFile = useCallback(async (path: string, content: string) => {
    await session.current?.writeFile(path, content);
  }, []);

  return { availability, isIsolated, canShowIgnisPreview: canEmbed, status, error, url, writeFile };
}
