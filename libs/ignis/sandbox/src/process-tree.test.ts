import { describe, expect, it } from 'vitest';
import { parseProcStat, sampleProcessTree } from './process-tree';

describe('parseProcStat', () => {
  it('counts fields from the last parenthesis, so odd command names parse', () => {
    const line =
      '4242 (we (ird) name) R 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 30 20 20 0 3 0 12345 99999999 2560 18446744073709551615';
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 17, cpuMs: 3500, rssBytes: 2560 * 4096 });
  });

  it('rejects garbage', () => {
    expect(parseProcStat('not a stat line')).toBeNull();
  });
});

describe('sampleProcessTree', () => {
  it('sees the current process with some memory', () => {
    const usage = sampleProcessTree(process.pid);
    expect(usage.pids).toContain(process.pid);
    expect(usage.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('is empty for a pid that does not exist', () => {
    expect(sampleProcessTree(2 ** 22 + 7).pids).toEqual([]);
  });
});
