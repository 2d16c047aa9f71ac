import { describe, expect, it } from 'vitest';
import { cell, markdownTable, passRate, renderReport, totalsOf, type TCheck } from './report';

const at = new Date('2026-11-24T01:02:03Z');

function check(partial: Partial<TCheck> & Pick<TCheck, 'category' | 'status'>): TCheck {
  return { name: 'check', target: '127.0.0.1:1', details: 'ok', ...partial };
}

const CHECKS: TCheck[] = [
  check({
    category: 'connectivity',
    status: 'pass',
    name: 'Landing',
    target: 'localhost:3000',
    latencyMs: 1.25,
    inventory: { protocol: 'HTTP', purpose: 'front door' },
  }),
  check({
    category: 'connectivity',
    status: 'fail',
    name: 'Redis',
    target: '127.0.0.1:6390',
    details: 'connection refused (nothing listens on 127.0.0.1:6390)',
    inventory: { protocol: 'TCP', purpose: 'cache' },
  }),
  check({
    category: 'connectivity',
    status: 'skip',
    name: 'NATS',
    target: '-',
    details: 'not configured (NATS_URL unset)',
  }),
  check({ category: 'data', status: 'pass', name: 'PostgreSQL query', latencyMs: 12.4 }),
  check({ category: 'replication', status: 'skip', name: 'Replica replay lag', details: 'not configured' }),
  check({ category: 'pipeline', status: 'pass', name: 'Delivery', details: 'a | b' }),
];

describe('report totals', () => {
  it('counts passed, failed and skipped; pass rate = passed / total, N/A when all skipped', () => {
    expect(totalsOf(CHECKS)).toEqual({ total: 6, passed: 3, failed: 1, skipped: 2 });
    expect(passRate(totalsOf(CHECKS))).toBe('50%');
    expect(passRate({ total: 4, passed: 0, failed: 0, skipped: 4 })).toBe('N/A');
    expect(passRate({ total: 0, passed: 0, failed: 0, skipped: 0 })).toBe('N/A');
  });
});

describe('markdown tables', () => {
  it('escapes pipes and line breaks in cells', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(cell('')).toBe('-');
    expect(markdownTable(['A', 'B'], [['1', 'x|y']])).toBe('| A | B |\n|---|---|\n| 1 | x\\|y |');
  });
});

describe('renderReport', () => {
  const report = renderReport({
    checks: CHECKS,
    generatedAt: at,
    version: '0.1.0',
    infrastructure: 'single-node',
  });

  it('has the sections of wissil-e2e-report.md', () => {
    const headings = report.split('\n').filter((line) => /^#{1,3} /.test(line));
    expect(headings).toEqual([
      '# LumenForge Infrastructure Verification Report',
      '## Complete Infrastructure, Services, Data Pipelines & Event Bus Verification',
      '## Executive Summary',
      '### Infrastructure Status: ❌ **DEGRADED**',
      '## Table of Contents',
      '## 1. Service Inventory',
      '### 1.1 Complete Service Matrix',
      '## 2. E2E Test Results',
      '### 2.1 Test Execution Summary',
      '### 2.2 Detailed Test Results',
      '## 3. Monitoring & Health',
      '### 3.1 Health Check Results',
      '## 4. Final Summary & Recommendations',
      '### 4.1 Current Status',
      '### 4.2 Immediate Actions',
      '### 4.3 Success Criteria',
    ]);
  });

  it('writes the execution summary with per-category rows and the TOTAL', () => {
    expect(report).toContain('| Test Category | Total | Passed | Failed | Skipped | Pass Rate |');
    expect(report).toContain('| **Network Connectivity** | 3 | 1 | 1 | 1 | 33% |');
    expect(report).toContain('| **PostgreSQL Replication** | 1 | 0 | 0 | 1 | N/A |');
    expect(report).toContain('| **TOTAL** | 6 | 3 | 1 | 2 | 50% |');
  });

  it('gives every failure its reason and marks skips as skipped, not passed', () => {
    expect(report).toContain('#### Network Connectivity: ❌ 33% PASS (1 failed)');
    expect(report).toContain(
      '| Redis | 127.0.0.1:6390 | ❌ FAIL | - | connection refused (nothing listens on 127.0.0.1:6390) |',
    );
    expect(report).toContain('| NATS | - | ⏭ SKIP | - | not configured (NATS_URL unset) |');
    expect(report).toContain('#### PostgreSQL Replication: ⏭ SKIPPED (not configured)');
    expect(report).toContain('1. **Redis** (127.0.0.1:6390): connection refused');
    expect(report).toContain('| Landing | localhost:3000 | ✅ PASS | 1.3 ms | ok |');
    expect(report).toContain('| Delivery | 127.0.0.1:1 | ✅ PASS | - | a \\| b |');
    expect(report).toContain('**Total Checks:** 6 (3 passed, 1 failed, 2 skipped)');
  });

  it('lists the inventory with host and port', () => {
    expect(report).toContain('| **Landing** | localhost | 3000 | HTTP | ✅ Operational | front door |');
  });

  it('reports OPERATIONAL when nothing failed', () => {
    const ok = renderReport({
      checks: CHECKS.filter((item) => item.status !== 'fail'),
      generatedAt: at,
      version: '0.1.0',
      infrastructure: 'x',
    });
    expect(ok).toContain('### Infrastructure Status: ✅ **OPERATIONAL**');
    expect(ok).toContain('None: every configured check passed.');
  });
});
