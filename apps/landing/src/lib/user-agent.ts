/**
 * "Chrome 131 on macOS", "Firefox 133 on Linux", "curl 8.5", "Unknown device": a user agent in
 * words for the sessions table (the full string stays available as a tooltip). Pure, no I/O.
 */
export function summarizeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return 'Unknown device';
  const client = clientName(ua);
  const os = osName(ua);
  if (client && os) return `${client} on ${os}`;
  return client ?? os ?? truncate(ua, 60);
}

type TMatcher = { name: string; pattern: RegExp };

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const CLIENTS: readonly TMatcher[] = [
  { name: 'Edge', pattern: /\bEdg(?:e|A|iOS)?\/(\d+)/ },
  { name: 'Opera', pattern: /\b(?:OPR|Opera)\/(\d+)/ },
  { name: 'Samsung Internet', pattern: /\bSamsungBrowser\/(\d+)/ },
  { name: 'Firefox', pattern: /\b(?:Firefox|FxiOS)\/(\d+)/ },
  { name: 'Chrome', pattern: /\b(?:Chrome|CriOS)\/(\d+)/ },
  { name: 'Safari', pattern: /\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\// },
  { name: 'curl', pattern: /^curl\/(\d+\.\d+)/ },
  { name: 'Node.js', pattern: /^node(?:-fetch)?\/?(\d+)?/i },
  { name: 'undici', pattern: /^undici/ },
  { name: 'Python', pattern: /^python-(?:requests|httpx|urllib)\/?(\d+\.\d+)?/i },
  { name: 'Go', pattern: /^Go-http-client\/(\d+\.\d+)/ },
  { name: 'Playwright', pattern: /\bPlaywright\/(\d+\.\d+)/ },
];

function clientName(ua: string): string | null {
  // Headless browsers in CI and e2e runs say so; that is worth showing.
  const headless = /\bHeadlessChrome\/(\d+)/.exec(ua);
  if (headless) return `Headless Chrome ${headless[1] ?? ''}`.trim();
  for (const { name, pattern } of CLIENTS) {
    const match = pattern.exec(ua);
    if (match) return match[1] ? `${name} ${match[1]}` : name;
  }
  return null;
}

const OPERATING_SYSTEMS: readonly TMatcher[] = [
  { name: 'iPadOS', pattern: /\biPad\b/ },
  { name: 'iOS', pattern: /\b(?:iPhone|iPod)\b/ },
  { name: 'Android', pattern: /\bAndroid\b/ },
  { name: 'ChromeOS', pattern: /\bCrOS\b/ },
  { name: 'Windows', pattern: /\bWindows\b/ },
  { name: 'macOS', pattern: /\bMac OS X\b|\bMacintosh\b/ },
  { name: 'Linux', pattern: /\bLinux\b|\bX11\b/ },
];

function osName(ua: string): string | null {
  return OPERATING_SYSTEMS.find(({ pattern }) => pattern.test(ua))?.name ?? null;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
