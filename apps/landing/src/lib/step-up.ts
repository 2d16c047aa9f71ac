/** LANDING's sign-in with a fresh second factor, coming back to `returnTo`. */
export function stepUpSignInUrl(returnTo: string): string {
  return `/api/auth/login?stepUp=1&returnTo=${encodeURIComponent(returnTo)}`;
}
