import { describe, expect, it } from 'vitest';
import { currentTotp, generateTotpSecret, TOTP_PERIOD_SECONDS, TotpVerifier, totpUri } from './totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
// The middle of a time step, so ±1 step never crosses into a neighbour by rounding.
const NOW = Math.floor(Date.UTC(2026, 10, 23, 12, 0, 0) / STEP_MS) * STEP_MS + STEP_MS / 2;

describe('TOTP', () => {
  it('accepts the current code once, and refuses it the second time (replay)', () => {
    const secret = generateTotpSecret();
    const verifier = new TotpVerifier();
    const code = currentTotp(secret, NOW);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifier.verify('account', secret, code, NOW)).toEqual({
      isValid: true,
      timeStep: NOW / STEP_MS - 0.5,
    });
    expect(verifier.verify('account', secret, code, NOW + 1000)).toEqual({
      isValid: false,
      reason: 'replayed',
    });
  });

  it('allows one step of clock drift either way, not two', () => {
    const secret = generateTotpSecret();
    for (const steps of [-1, 1]) {
      expect(
        new TotpVerifier().verify('a', secret, currentTotp(secret, NOW + steps * STEP_MS), NOW).isValid,
      ).toBe(true);
    }
    for (const steps of [-2, 2]) {
      expect(new TotpVerifier().verify('a', secret, currentTotp(secret, NOW + steps * STEP_MS), NOW)).toEqual(
        {
          isValid: false,
          reason: 'invalid',
        },
      );
    }
  });

  it('refuses an older code after a newer one was used, and takes the next step', () => {
    const secret = generateTotpSecret();
    const verifier = new TotpVerifier();
    expect(verifier.verify('a', secret, currentTotp(secret, NOW), NOW).isValid).toBe(true);
    expect(verifier.verify('a', secret, currentTotp(secret, NOW - STEP_MS), NOW)).toEqual({
      isValid: false,
      reason: 'replayed',
    });
    expect(verifier.verify('a', secret, currentTotp(secret, NOW + STEP_MS), NOW + STEP_MS).isValid).toBe(
      true,
    );
  });

  it('keeps replay state per account', () => {
    const secret = generateTotpSecret();
    const verifier = new TotpVerifier();
    const code = currentTotp(secret, NOW);
    expect(verifier.verify('first', secret, code, NOW).isValid).toBe(true);
    expect(verifier.verify('second', secret, code, NOW).isValid).toBe(true);
  });

  it('calls anything but six digits malformed; spaces are ignored', () => {
    const secret = generateTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
      expect(new TotpVerifier().verify('a', secret, code, NOW)).toEqual({
        isValid: false,
        reason: 'malformed',
      });
    }
    const spaced = currentTotp(secret, NOW).replace(/^(\d{3})/, '$1 ');
    expect(new TotpVerifier().verify('a', secret, spaced, NOW).isValid).toBe(true);
  });

  it('builds an otpauth URI for authenticator apps', () => {
    const uri = new URL(totpUri('admin@lumenforge.local', 'JBSWY3DPEHPK3PXP'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('LumenForge');
    expect(decodeURIComponent(uri.pathname)).toContain('admin@lumenforge.local');
  });
});
