// TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps — what authenticator apps expect) on otplib, with
// ±1 step of clock drift and per-account replay protection.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: a phone clock a little off still works. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER_LABEL = 'LumenForge';

export type TTotpCheck =
  | { isValid: true; timeStep: number }
  | { isValid: false; reason: 'malformed' | 'invalid' | 'replayed' };

/** A new random base32 secret (20 bytes). */
export function generateTotpSecret(): string {
  return generateSecret();
}

/** The code an authenticator shows for `secret` at `atMs` (default now). */
export function currentTotp(secret: string, atMs: number = Date.now()): string {
  return generateSync({
    secret,
    epoch: Math.floor(atMs / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
  });
}

/** The otpauth:// URI authenticator apps import (or scan as a QR code). */
export function totpUri(email: string, secret: string): string {
  return generateURI({
    issuer: TOTP_ISSUER_LABEL,
    label: email,
    secret,
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
  });
}

/**
 * Verifies codes and remembers the last time step each account used, so a code (or an older one)
 * cannot be used twice. State is in memory: one provider process.
 */
export class TotpVerifier {
  private readonly lastUsedStep = new Map<string, number>();

  /** Checks `code` for `accountKey`; a valid code is consumed (its step cannot be used again). */
  verify(accountKey: string, secret: string, code: string, atMs: number = Date.now()): TTotpCheck {
    const token = code.replace(/\s+/g, '');
    if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return { isValid: false, reason: 'malformed' };
    const epoch = Math.floor(atMs / 1000);
    const result = verifySync({
      secret,
      token,
      epoch,
      period: TOTP_PERIOD_SECONDS,
      digits: TOTP_DIGITS,
      epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    });
    if (!result.valid) return { isValid: false, reason: 'invalid' };
    // delta: how many steps from now the matching code was (-1, 0 or +1).
    const timeStep = Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta;
    const lastUsed = this.lastUsedStep.get(accountKey);
    if (lastUsed !== undefined && timeStep <= lastUsed) return { isValid: false, reason: 'replayed' };
    this.lastUsedStep.set(accountKey, timeStep);
    return { isValid: true, timeStep };
  }
}
