// Whether the in-browser runtime (StackBlitz's WebContainer) can be offered, and why not. Pure: the
// page passes what it knows (the admin flag, the package, `crossOriginIsolated`, the probe's answer),
// so every reason is testable without a browser.

/** WebContainer boots from StackBlitz's servers: it cannot run self-hosted or offline. */
export const STACKBLITZ_ORIGIN = 'https://stackblitz.com';

/**
 * The CSP sources the editor page needs when the flag is on: StackBlitz (the probe, the headless
 * frame WebContainer boots in) and the origins its dev-server previews are served from.
 */
export const WEBCONTAINER_CSP_SOURCES = [
  STACKBLITZ_ORIGIN,
  'https://*.stackblitz.com',
  'https://*.stackblitz.io',
  'https://*.webcontainer.io',
  'https://*.webcontainer-api.io',
] as const;

/** The editor route, the only page that is made cross-origin isolated when the flag is on. */
export const EDITOR_PATH = /^\/projects\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/i;

export type TStackBlitzReach = 'unchecked' | 'checking' | 'reachable' | 'unreachable';

export type TWebContainerChecks = {
  /** `IGNIS_WEBCONTAINER=on` (off by default). */
  isEnabledByAdmin: boolean;
  /** `@webcontainer/api` is in the server's node_modules (served by the app, never a CDN). */
  isPackageInstalled: boolean;
  /** `window.crossOriginIsolated` (COOP same-origin + COEP, which the proxy adds only with the flag). */
  isCrossOriginIsolated: boolean;
  stackBlitz: TStackBlitzReach;
};

export type TWebContainerUnavailableReason =
  | 'disabled'
  | 'not-installed'
  | 'not-isolated'
  | 'checking'
  | 'unreachable';

export type TWebContainerAvailability =
  | { isAvailable: true }
  | { isAvailable: false; reason: TWebContainerUnavailableReason; message: string };

/** The first check that fails, in the order an administrator would fix them; available when none does. */
export function webContainerAvailability(checks: TWebContainerChecks): TWebContainerAvailability {
  if (!checks.isEnabledByAdmin)
    return { isAvailable: false, reason: 'disabled', message: 'Turned off by the administrator.' };
  if (!checks.isPackageInstalled)
    return {
      isAvailable: false,
      reason: 'not-installed',
      message: 'The @webcontainer/api package is not installed on this server.',
    };
  if (!checks.isCrossOriginIsolated)
    return {
      isAvailable: false,
      reason: 'not-isolated',
      message: 'This page is not cross-origin isolated (WebContainer needs SharedArrayBuffer).',
    };
  if (checks.stackBlitz === 'unchecked' || checks.stackBlitz === 'checking')
    return {
      isAvailable: false,
      reason: 'checking',
      message: `Checking whether StackBlitz (${STACKBLITZ_ORIGIN}) is reachable…`,
    };
  if (checks.stackBlitz === 'unreachable')
    return {
      isAvailable: false,
      reason: 'unreachable',
      message: `StackBlitz (${STACKBLITZ_ORIGIN}) is not reachable from this browser — WebContainer needs it.`,
    };
  return { isAvailable: true };
}

/**
 * Whether this browser reaches `url` (StackBlitz): a `no-cors` request (an opaque answer is enough;
 * no credentials, so it passes COEP credentialless) that must answer within `timeoutMs`.
 */
export async function probeReachable(
  url: string,
  timeoutMs = 3_000,
  fetchFn: typeof fetch = fetch,
): Promise<'reachable' | 'unreachable'> {
  try {
    await fetchFn(url, {
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return 'reachable';
  } catch {
    return 'unreachable';
  }
}

/**
 * Whether this browser can show the IGNIS preview (another origin, without COEP headers) inside a
 * cross-origin isolated page: only in an `<iframe credentialless>` (Chromium 110+).
 */
export function canEmbedPreviewWhenIsolated(iframePrototype: object | undefined): boolean {
  return iframePrototype !== undefined && 'credentialless' in iframePrototype;
}
