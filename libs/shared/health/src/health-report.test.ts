import { describe, expect, it } from 'vitest';
import { httpStatusFor, runHealthChecks, summarizeStatus, type THealthCheck } from './health-report';

const ok = (name: string, critical = true): THealthCheck => ({ name, critical, run: async () => undefined });
const failing = (name: string, critical: boolean): THealthCheck => ({
  name,
  critical,
  run: async () => {
    throw new Error(`${name} refused the connection`);
  },
});

describe('runHealthChecks', () => {
  it('is ok when every check passes and reports each latency', async () => {
    const report = await runHealthChecks({
      service: 'slate',
      version: '1.2.3',
      uptimeSeconds: 12.4,
      checks: [ok('postgres')],
    });
    expect(report).toMatchObject({ status: 'ok', service: 'slate', version: '1.2.3', uptimeSeconds: 12 });
    expect(report.checks['postgres']).toMatchObject({ status: 'ok', critical: true });
    expect(report.checks['postgres']?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(httpStatusFor(report)).toBe(200);
  });

  it('is down (503) when a critical dependency fails, with the error', async () => {
    const report = await runHealthChecks({
      service: 'slate',
      version: '1',
      uptimeSeconds: 1,
      checks: [failing('postgres', true), ok('slate', false)],
    });
    expect(report.status).toBe('down');
    expect(report.checks['postgres']?.error).toBe('postgres refused the connection');
    expect(httpStatusFor(report)).toBe(503);
  });

  it('is degraded (still 200) when only a non-critical dependency fails', async () => {
    const report = await runHealthChecks({
      service: 'spark',
      version: '1',
      uptimeSeconds: 1,
      checks: [ok('postgres'), failing('ignis', false)],
    });
    expect(report.status).toBe('degraded');
    expect(httpStatusFor(report)).toBe(200);
  });

  it('bounds a hanging check by its timeout and aborts it', async () => {
    let wasAborted = false;
    const hanging: THealthCheck = {
      name: 'postgres',
      critical: true,
      timeoutMs: 50,
      run: (signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (wasAborted = true));
        }),
    };
    const report = await runHealthChecks({ service: 's', version: '1', uptimeSeconds: 0, checks: [hanging] });
    expect(report.checks['postgres']).toMatchObject({ status: 'down', error: 'timed out after 50 ms' });
    expect(wasAborted).toBe(true);
  });

  it('passes a peer-reported degraded status through', async () => {
    const degradedPeer: THealthCheck = { name: 'ignis', critical: false, run: async () => 'degraded' };
    const report = await runHealthChecks({
      service: 'spark',
      version: '1',
      uptimeSeconds: 0,
      checks: [ok('postgres'), degradedPeer],
    });
    expect(report.status).toBe('degraded');
    expect(report.checks['ignis']?.status).toBe('degraded');
  });
});

describe('summarizeStatus', () => {
  it('treats a non-critical down as degraded, a critical down as down', () => {
    expect(summarizeStatus([])).toBe('ok');
    expect(summarizeStatus([{ status: 'down', critical: false, latencyMs: 1 }])).toBe('degraded');
    expect(summarizeStatus([{ status: 'down', critical: true, latencyMs: 1 }])).toBe('down');
  });
});
