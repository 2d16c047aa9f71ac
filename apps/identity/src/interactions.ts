// The sign-in interaction at /interaction/:uid — step 1 email + password, step 2 TOTP — and the
// automatic consent for first-party clients.
//
// CSRF: every form posts to /interaction/:uid/…, where oidc-provider's interaction cookie (SameSite
// Lax, signed, path /interaction/:uid) must name the same uid; a POST with an Origin header must
// come from the issuer's origin, and a cross-site Sec-Fetch-Site is refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors, type InteractionResults } from 'oidc-provider';
import { type AccountDirectory, type TAccount, normalizeEmail } from './demo-accounts';
import { randomSecret } from './identity-home';
import type { LoginThrottle, TLockState } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hash';
import { ACR_MFA, ACR_PASSWORD } from './provider';
import type { TotpVerifier } from './totp';
import { renderLoginPage, renderMessagePage, renderTotpPage } from './views';

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,128})(?:\/(login|totp|restart|abort))?\/?$/;
const MAX_FORM_BYTES = 8 * 1024;
/** How long a password-verified sign-in waits for its TOTP code. */
const PENDING_MFA_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

export type TInteractionOptions = {
  provider: Provider;
  accounts: AccountDirectory;
  throttle: LoginThrottle;
  totp: TotpVerifier;
  issuer: string;
  landingUrl: string;
  firstPartyClientIds: ReadonlySet<string>;
  contentSecurityPolicy: string;
  log: (line: string) => void;
};

type TPage = { status: number; html: string; headers?: Record<string, string> };

class BadRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new BadRequestError(415, 'Unsupported form encoding.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new BadRequestError(413, 'The form is too large.');
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function lockedMessage(lock: Extract<TLockState, { isLocked: true }>): string {
  const minutes = Math.ceil(lock.retryAfterSeconds / 60);
  return `Too many failed attempts. This account is locked for ${minutes} minute${minutes === 1 ? '' : 's'}; try again later.`;
}

/**
 * Returns the handler for /interaction/* requests; it answers every request it is given (404 for
 * paths it does not know).
 */
export function createInteractionHandler(options: TInteractionOptions) {
  const { provider, accounts, throttle, totp, log } = options;
  const issuerOrigin = new URL(options.issuer).origin;
  /** uid → the account whose password was verified and now owes a TOTP code. */
  const pendingMfa = new Map<string, { sub: string; expiresAt: number }>();
  // Unknown emails are checked against this hash, so both answers take as long.
  let dummyHash: Promise<string> | undefined;
  const getDummyHash = () => (dummyHash ??= hashPassword(randomSecret()));
  void getDummyHash();

  const send = (res: ServerResponse, page: TPage) => {
    res.statusCode = page.status;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', options.contentSecurityPolicy);
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on our own form posts.
    res.setHeader('referrer-policy', 'same-origin');
    for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
    res.end(page.html);
  };
  const seeOther = (res: ServerResponse, location: string) => {
    res.statusCode = 303;
    res.setHeader('location', location);
    res.setHeader('cache-control', 'no-store');
    res.end();
  };
  const messagePage = (status: number, title: string, message: string): TPage => ({
    status,
    html: renderMessagePage({
      title,
      message,
      link: { href: options.landingUrl, label: 'Back to LumenForge' },
    }),
  });
  const expiredPage = () =>
    messagePage(
      400,
      'This sign-in has expired',
      'The sign-in page was open too long or was opened in another browser. Go back to LumenForge and sign in again.',
    );

  const getPending = (uid: string) => {
    const pending = pendingMfa.get(uid);
    if (pending && pending.expiresAt <= Date.now()) {
      pendingMfa.delete(uid);
      return undefined;
    }
    return pending;
  };
  const setPending = (uid: string, sub: string) => {
    const now = Date.now();
    for (const [key, value] of pendingMfa) if (value.expiresAt <= now) pendingMfa.delete(key);
    while (pendingMfa.size >= MAX_PENDING) {
      const oldest = pendingMfa.keys().next().value;
      if (oldest === undefined) break;
      pendingMfa.delete(oldest);
    }
    pendingMfa.set(uid, { sub, expiresAt: now + PENDING_MFA_MS });
  };

  const finishLogin = async (
    req: IncomingMessage,
    res: ServerResponse,
    account: TAccount,
    isMfa: boolean,
  ) => {
    throttle.reset(account.email);
    const result: InteractionResults = {
      login: {
        accountId: account.sub,
        amr: isMfa ? ['pwd', 'otp'] : ['pwd'],
        acr: isMfa ? ACR_MFA : ACR_PASSWORD,
        remember: true,
      },
    };
    log(`sign-in: ${account.email} (${isMfa ? 'password + TOTP' : 'password'})`);
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  const assertSameOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== issuerOrigin) {
      throw new BadRequestError(403, 'This form was sent from another site.');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      throw new BadRequestError(403, 'This form was sent from another site.');
    }
  };

  return async function handleInteraction(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    const match = ROUTE.exec(url.pathname);
    const uid = match?.[1];
    const action = match?.[2];
    if (!uid) return send(res, messagePage(404, 'Not found', 'There is no page at this address.'));
    const isPost = req.method === 'POST';
    if ((action === undefined && req.method !== 'GET') || (action !== undefined && !isPost)) {
      res.setHeader('allow', action === undefined ? 'GET' : 'POST');
      return send(res, messagePage(405, 'Method not allowed', 'This page does not accept that request.'));
    }

    try {
      if (isPost) assertSameOrigin(req);
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) return send(res, expiredPage());
      const here = `/interaction/${encodeURIComponent(uid)}`;
      const clientId = String(details.params['client_id'] ?? '');
      const client = await provider.Client.find(clientId);
      const clientName = client?.clientName ?? clientId;

      switch (action) {
        case undefined: {
          if (details.prompt.name === 'login') {
            const pending = getPending(uid);
            const pendingAccount = pending ? accounts.findBySub(pending.sub) : undefined;
            if (pendingAccount)
              return send(res, { status: 200, html: renderTotpPage({ uid, email: pendingAccount.email }) });
            const loginHint = details.params['login_hint'];
            return send(res, {
              status: 200,
              html: renderLoginPage({
                uid,
                clientName,
                email: typeof loginHint === 'string' ? loginHint : undefined,
              }),
            });
          }
          if (details.prompt.name === 'consent') {
            const accountId = details.session?.accountId;
            if (!options.firstPartyClientIds.has(clientId) || !accountId) {
              return await provider.interactionFinished(
                req,
                res,
                { error: 'access_denied', error_description: 'this client is not allowed to sign in here' },
                { mergeWithLastSubmission: false },
              );
            }
            // First-party clients: consent is implied. Grant exactly what was asked for.
            const grant =
              (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
              new provider.Grant({ accountId, clientId });
            const prompt = details.prompt.details as {
              missingOIDCScope?: string[];
              missingOIDCClaims?: string[];
              missingResourceScopes?: Record<string, string[]>;
            };
            if (prompt.missingOIDCScope) grant.addOIDCScope(prompt.missingOIDCScope.join(' '));
            if (prompt.missingOIDCClaims) grant.addOIDCClaims(prompt.missingOIDCClaims);
            for (const [indicator, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
              grant.addResourceScope(indicator, scopes.join(' '));
            }
            const grantId = await grant.save();
            return await provider.interactionFinished(
              req,
              res,
              { consent: { grantId } },
              { mergeWithLastSubmission: true },
            );
          }
          return send(
            res,
            messagePage(400, 'Sign-in could not continue', 'This sign-in step is not supported.'),
          );
        }

        case 'login': {
          if (details.prompt.name !== 'login') return seeOther(res, here);
          const form = await readForm(req);
          const email = (form.get('email') ?? '').trim();
          const password = form.get('password') ?? '';
          const page = (status: number, error: string, headers?: Record<string, string>): TPage => ({
            status,
            html: renderLoginPage({ uid, clientName, email, error }),
            headers,
          });
          if (!email || !password || email.length > 320 || password.length > 1024) {
            return send(res, page(400, 'Enter your email and your password.'));
          }
          const key = normalizeEmail(email);
          const lock = throttle.check(key);
          if (lock.isLocked) {
            return send(
              res,
              page(429, lockedMessage(lock), { 'retry-after': String(lock.retryAfterSeconds) }),
            );
          }
          const account = accounts.findByEmail(email);
          const isPasswordValid = await verifyPassword(
            password,
            account?.passwordHash ?? (await getDummyHash()),
          );
          if (!account || !isPasswordValid) {
            const after = throttle.recordFailure(key);
            log('sign-in failed: wrong email or password');
            if (after.isLocked) {
              return send(
                res,
                page(429, lockedMessage(after), { 'retry-after': String(after.retryAfterSeconds) }),
              );
            }
            return send(res, page(401, 'The email or password is incorrect.'));
          }
          if (!account.totpSecret) return await finishLogin(req, res, account, false);
          setPending(uid, account.sub);
          return seeOther(res, here);
        }

        case 'totp': {
          const pending = details.prompt.name === 'login' ? getPending(uid) : undefined;
          const account = pending ? accounts.findBySub(pending.sub) : undefined;
          if (!account?.totpSecret) return seeOther(res, here);
          const form = await readForm(req);
          const page = (status: number, error: string, headers?: Record<string, string>): TPage => ({
            status,
            html: renderTotpPage({ uid, email: account.email, error }),
            headers,
          });
          const lock = throttle.check(account.email);
          if (lock.isLocked) {
            return send(
              res,
              page(429, lockedMessage(lock), { 'retry-after': String(lock.retryAfterSeconds) }),
            );
          }
          const check = totp.verify(account.sub, account.totpSecret, form.get('code') ?? '');
          if (check.isValid) {
            pendingMfa.delete(uid);
            return await finishLogin(req, res, account, true);
          }
          if (check.reason === 'malformed') {
            return send(res, page(400, 'Enter the 6-digit code from your authenticator app.'));
          }
          const after = throttle.recordFailure(account.email);
          log(`sign-in failed: ${check.reason === 'replayed' ? 'reused' : 'wrong'} TOTP code`);
          if (after.isLocked) {
            return send(
              res,
              page(429, lockedMessage(after), { 'retry-after': String(after.retryAfterSeconds) }),
            );
          }
          return send(
            res,
            page(
              401,
              check.reason === 'replayed'
                ? 'That code was already used. Wait for the next code in your authenticator app.'
                : 'That code is not correct. Check your authenticator app and try again.',
            ),
          );
        }

        case 'restart': {
          pendingMfa.delete(uid);
          return seeOther(res, here);
        }

        case 'abort': {
          pendingMfa.delete(uid);
          return await provider.interactionFinished(
            req,
            res,
            { error: 'access_denied', error_description: 'the user cancelled the sign-in' },
            { mergeWithLastSubmission: false },
          );
        }

        default:
          return send(res, messagePage(404, 'Not found', 'There is no page at this address.'));
      }
    } catch (error) {
      if (error instanceof errors.SessionNotFound) return send(res, expiredPage());
      if (error instanceof BadRequestError) {
        return send(res, messagePage(error.status, 'Sign-in could not continue', error.message));
      }
      throw error;
    }
  };
}
