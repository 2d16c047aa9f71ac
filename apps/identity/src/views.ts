// Server-rendered pages: plain HTML, one inline stylesheet allowed by its hash, no scripts, no
// external fonts. Every value that reaches the HTML goes through escapeHtml.
import { createHash } from 'node:crypto';
import { TOTP_DIGITS } from './totp';

const STYLES = `
:root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--text:#17191d;--muted:#5b616e;--line:#d5d9e0;--accent:#4b3fd6;--accent-text:#fff;--error-bg:#fdecec;--error:#a61b1b;--focus:#f0b429}
@media (prefers-color-scheme:dark){:root{--bg:#101216;--card:#191c22;--text:#eef0f3;--muted:#a3a9b5;--line:#343944;--accent:#8d84ff;--accent-text:#101216;--error-bg:#3a1717;--error:#ffb4b4}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:min(100% - 2rem,26rem);background:var(--card);border:1px solid var(--line);border-radius:12px;padding:2rem}
.brand{margin:0 0 1rem;color:var(--muted);font-size:.875rem;letter-spacing:.02em}
h1{margin:0 0 .5rem;font-size:1.5rem;line-height:1.2}
p{margin:0 0 1rem}
label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;padding:.625rem .75rem;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:8px}
input[aria-invalid=true]{border-color:var(--error)}
input.code{font-size:1.5rem;letter-spacing:.4em;text-align:center;font-variant-numeric:tabular-nums}
button{margin-top:1.25rem;width:100%;padding:.7rem 1rem;font:inherit;font-weight:600;border:0;border-radius:8px;background:var(--accent);color:var(--accent-text);cursor:pointer}
button.secondary{margin-top:.5rem;background:transparent;color:var(--text);border:1px solid var(--line)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.error{margin:1rem 0;padding:.75rem 1rem;border-radius:8px;background:var(--error-bg);color:var(--error);font-weight:600}
.hint{margin-top:1.5rem;color:var(--muted);font-size:.875rem}
a{color:var(--accent)}
`;

/** The `style-src` source of the inline stylesheet (CSP allows exactly this stylesheet). */
export const STYLE_SRC_HASH = `'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`;

/**
 * The pages' Content-Security-Policy. Forms post to this origin; the provider then redirects to the
 * relying parties (`formActionOrigins`), which browsers also check against form-action.
 */
export function contentSecurityPolicy(formActionOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_SRC_HASH}`,
    // No page here has a script; 'self' keeps the directive so oidc-provider's own form_post page
    // can add the hash of its one auto-submit script.
    "script-src 'self'",
    "img-src 'self' data:",
    `form-action 'self' ${formActionOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"'`=]/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' })[
        character
      ] ?? character,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)} · LumenForge</title>
<style>${STYLES}</style>
</head>
<body>
<main aria-labelledby="page-title">
<p class="brand">LumenForge · local identity provider</p>
${body}
</main>
</body>
</html>`;
}

function errorBlock(error: string | undefined): string {
  return error ? `<div class="error" role="alert" id="form-error">${escapeHtml(error)}</div>` : '';
}

function invalidAttributes(error: string | undefined): string {
  return error ? ' aria-invalid="true" aria-describedby="form-error"' : '';
}

/** Step 1: email and password. */
export function renderLoginPage(options: {
  uid: string;
  clientName: string;
  email?: string;
  error?: string;
}): string {
  const uid = encodeURIComponent(options.uid);
  const invalid = invalidAttributes(options.error);
  return layout(
    'Sign in',
    `<h1 id="page-title">Sign in</h1>
<p>to continue to ${escapeHtml(options.clientName)}.</p>
${errorBlock(options.error)}
<form method="post" action="/interaction/${uid}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(options.email ?? '')}"${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit">Continue</button>
</form>
<form method="post" action="/interaction/${uid}/abort">
<button type="submit" class="secondary">Cancel</button>
</form>
<p class="hint">Local demo accounts and their passwords are printed by <code>npm start</code> and kept in <code>.lumenforge/identity/demo-accounts.json</code>.</p>`,
  );
}

/** Step 2: the authenticator code. */
export function renderTotpPage(options: { uid: string; email: string; error?: string }): string {
  const uid = encodeURIComponent(options.uid);
  return layout(
    'Two-step verification',
    `<h1 id="page-title">Two-step verification</h1>
<p>Enter the ${TOTP_DIGITS}-digit code from your authenticator app for <strong>${escapeHtml(options.email)}</strong>.</p>
${errorBlock(options.error)}
<form method="post" action="/interaction/${uid}/totp">
<label for="code">Authentication code</label>
<input id="code" name="code" class="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{${TOTP_DIGITS}}" maxlength="${TOTP_DIGITS}" required autofocus${invalidAttributes(options.error)}>
<button type="submit">Verify</button>
</form>
<form method="post" action="/interaction/${uid}/restart">
<button type="submit" class="secondary">Use another account</button>
</form>
<p class="hint">Demo accounts: <code>npm run totp -- ${escapeHtml(options.email)}</code> prints the current code.</p>`,
  );
}

/** A dead end with a way back (expired interaction, refused client, server error). */
export function renderMessagePage(options: {
  title: string;
  message: string;
  link?: { href: string; label: string };
}): string {
  const link = options.link
    ? `<p><a href="${escapeHtml(options.link.href)}">${escapeHtml(options.link.label)}</a></p>`
    : '';
  return layout(
    options.title,
    `<h1 id="page-title">${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>
${link}`,
  );
}

/** RP-initiated logout confirmation; `form` is oidc-provider's hidden form (id op.logoutForm, xsrf). */
export function renderLogoutPage(options: { form: string; host: string }): string {
  return layout(
    'Sign out',
    `<h1 id="page-title">Sign out</h1>
<p>Do you want to sign out of ${escapeHtml(options.host)}?</p>
${options.form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`,
  );
}
