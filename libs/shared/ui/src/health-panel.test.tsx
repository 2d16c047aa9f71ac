import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HealthPanel } from './health-panel';

describe('HealthPanel', () => {
  it('shows each dependency with status, latency and error text, not colour alone', () => {
    const html = renderToStaticMarkup(
      <HealthPanel
        report={{
          status: 'degraded',
          service: 'spark',
          version: '1.4.0',
          uptimeSeconds: 3720,
          checkedAt: '2026-11-23T10:11:12.000Z',
          checks: {
            postgres: { status: 'ok', latencyMs: 3, critical: true },
            ignis: { status: 'down', latencyMs: 2000, critical: false, error: 'timed out after 2000 ms' },
          },
        }}
      />,
    );
    expect(html).toContain('Degraded');
    expect(html).toContain('>postgres<');
    expect(html).toContain('3 ms');
    expect(html).toContain('timed out after 2000 ms');
    expect(html).toContain('optional');
    expect(html).toContain('1 h 2 min');
    expect(html).toContain('10:11:12 UTC');
  });
});
