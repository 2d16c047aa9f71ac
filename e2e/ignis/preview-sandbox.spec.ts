import { expect, test } from '@playwright/test';
import { systemUrl } from '@lumenforge/config';
import { screenshotPath } from '../shared/screenshots';

/** Preview code that tries to reach the user's session, the embedding page, storage and the platform's API. */
const PROBE = `import { useEffect, useState } from 'react';

const attempt = (work: () => string) => {
  try {
    return work();
  } catch (error) {
    return 'blocked: ' + (error as Error).name;
  }
};

export function Probe() {
  const [results, setResults] = useState<Record<string, string>>({});
  useEffect(() => {
    const found: Record<string, string> = {
      cookie: attempt(() => 'read: ' + JSON.stringify(document.cookie)),
      parent: attempt(() => 'read: ' + String(window.parent.document.title)),
      top: attempt(() => 'read: ' + String(window.top?.location.href)),
      localStorage: attempt(() => { localStorage.setItem('probe', '1'); return 'read: ' + localStorage.getItem('probe'); }),
      sessionStorage: attempt(() => { sessionStorage.setItem('probe', '1'); return 'written'; }),
    };
    const api = '${systemUrl('ignis')}/api/previews';
    fetch(api, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"projectId":"00000000-0000-4000-8000-000000000000"}' })
      .then(async (response) => 'read: ' + response.status + ' ' + (await response.text()).slice(0, 80))
      .catch((error: Error) => 'blocked: ' + error.name)
      .then((fetchResult) => setResults({ ...found, fetch: fetchResult, origin: String(window.origin) }));
  }, []);
  return <pre data-testid="probe">{Object.keys(results).length ? JSON.stringify(results) : 'probing'}</pre>;
}
`;

test.describe('[IGNIS] preview sandbox', () => {
  test('[IGNIS][SANDBOX]: preview code gets no cookie, no parent document, no storage and no credentialed platform call', async ({
    page,
    request,
  }) => {
    test.slow();
    const created = await request.post('/api/previews', {
      headers: { Origin: systemUrl('ignis') },
      data: { files: { 'src/Probe.tsx': PROBE }, entry: 'src/Probe.tsx' },
    });
    expect(created.status()).toBe(201);
    const preview = (await created.json()) as { id: string; url: string; isolation: string };
    expect(new URL(preview.url).origin).not.toBe(new URL(systemUrl('ignis')).origin);

    // The preview origin answers with the sandbox CSP even when opened directly.
    const direct = await request.get(preview.url);
    expect(direct.headers()['content-security-policy']).toBe('sandbox allow-scripts');

    // Embedded as IGNIS embeds it: a sandboxed iframe (allow-scripts, never allow-same-origin) in a
    // document of IGNIS's origin, carrying the user's session cookie and IGNIS's CSP (frame-src names
    // the preview origin). A static response, not a React page: a live refresh of the home page
    // re-rendered <main> and dropped an injected frame mid-probe.
    const host = await page.goto('/api/health?probe=live');
    expect(host?.headers()['content-security-policy']).toContain(new URL(preview.url).origin);
    expect((await page.context().cookies(systemUrl('ignis'))).length).toBeGreaterThan(0);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.title = 'probe';
      frame.src = url;
      frame.style.width = '100%';
      frame.style.height = '300px';
      document.body.append(frame);
    }, preview.url);
    const probe = page.frameLocator('iframe[title="probe"]').getByTestId('probe');
    await expect(probe).not.toHaveText('probing', { timeout: 60_000 });
    const results = JSON.parse((await probe.textContent()) ?? '{}') as Record<string, string>;
    expect(results['cookie']).toMatch(/^blocked: SecurityError/);
    expect(results['parent']).toMatch(/^blocked: SecurityError/);
    expect(results['top']).toMatch(/^blocked: SecurityError/);
    expect(results['localStorage']).toMatch(/^blocked: SecurityError/);
    expect(results['sessionStorage']).toMatch(/^blocked: SecurityError/);
    expect(results['fetch']).toMatch(/^blocked: TypeError/);
    expect(results['origin']).toBe('null');
    await page.screenshot({ path: screenshotPath('ignis-preview-sandbox'), fullPage: true });
  });
});
