import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU times in /proc/<pid>/stat in clock ticks; 100 on every x86-64 kernel we run on. */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;

export type TProcStat = {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: this process plus its reaped children. */
  cpuMs: number;
  rssBytes: number;
};

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the LAST ')'.
 */
export function parseProcStat(line: string): TProcStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  // After ')': state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11) majflt(12)
  // cmajflt(13) utime(14) stime(15) cutime(16) cstime(17) priority(18) nice(19) threads(20) itreal(21)
  // starttime(22) vsize(23) rss(24, pages)
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(rest[n - 3]);
  const ticks = field(14) + field(15) + field(16) + field(17);
  const stat = {
    pid,
    ppid: field(4),
    cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    rssBytes: field(24) * PAGE_SIZE_BYTES,
  };
  return Number.isFinite(stat.pid) && Number.isFinite(stat.cpuMs) && Number.isFinite(stat.rssBytes)
    ? stat
    : null;
}

function readAllStats(): TProcStat[] {
  const stats: TProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    try {
      const parsed = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (parsed) stats.push(parsed);
    } catch {
      // the process exited between readdir and read
    }
  }
  return stats;
}

export type TTreeUsage = { pids: number[]; cpuMs: number; rssBytes: number };

/**
 * The live process tree under `rootPid` (by parent links, so children that call setsid() are still
 * counted) with its summed CPU time and resident memory.
 */
export function sampleProcessTree(rootPid: number): TTreeUsage {
  const stats = readAllStats();
  const children = new Map<number, TProcStat[]>();
  let root: TProcStat | undefined;
  for (const stat of stats) {
    if (stat.pid === rootPid) root = stat;
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  if (!root) return { pids: [], cpuMs: 0, rssBytes: 0 };
  const usage: TTreeUsage = { pids: [], cpuMs: 0, rssBytes: 0 };
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.pop() as TProcStat;
    usage.pids.push(next.pid);
    usage.cpuMs += next.cpuMs;
    usage.rssBytes += next.rssBytes;
    queue.push(...(children.get(next.pid) ?? []));
  }
  return usage;
}
