import { systemUrl, type TSystemUrlOptions } from '@lumenforge/config';

/** LANDING's sign-in page, coming back to `returnTo` (an absolute URL of one of the six systems). */
export function signInUrl(urlOptions: TSystemUrlOptions, returnTo?: string): string {
  const url = new URL('/signin', systemUrl('landing', urlOptions));
  if (returnTo) url.searchParams.set('returnTo', returnTo);
  return url.toString();
}

/** The URL the user asked for, as they see it (the app may sit behind a proxy on another host). */
export function publicRequestUrl(
  system: Parameters<typeof systemUrl>[0],
  urlOptions: TSystemUrlOptions,
  pathAndQuery: string,
): string {
  return `${systemUrl(system, urlOptions)}${pathAndQuery.startsWith('/') ? pathAndQuery : '/'}`;
}
