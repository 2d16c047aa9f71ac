// What the account page's token form offers, without zod or the auth lib (client bundle stays small).

/** The expiry choices the account page offers (the API accepts any whole number of days in 1–365). */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const DEFAULT_TOKEN_EXPIRY_DAYS = 30;
export const MAX_TOKEN_EXPIRY_DAYS = 365;

/** `POST /api/account/tokens` 201: the token itself, shown once and never again. */
export type TCreatedApiToken = { id: string; token: string; expiresAt: string };
