import { describe, expect, it } from 'vitest';
import { archiveStem, parseArchiveName, planRotation, type TArchiveEntry } from './rotation';

const NOW = new Date('2026-11-24T12:00:00Z');
const daysAgo = (days: number, hours = 0) => new Date(NOW.getTime() - (days * 24 + hours) * 3_600_000);

function entry(kind: TArchiveEntry['kind'], date: Date, extension = 'pgdump.tar'): TArchiveEntry {
  const name = `${archiveStem(kind, date)}.${extension}`;
  const parsed = parseArchiveName(name);
  if (!parsed) throw new Error(`unparsable ${name}`);
  return { name, ...parsed };
}

describe('archive names', () => {
  it('are lumenforge-<kind>-YYYYMMDDTHHMMSSZ.<ext> in UTC', () => {
    expect(archiveStem('pg', new Date('2026-01-02T03:04:05.678Z'))).toBe('lumenforge-pg-20260102T030405Z');
    expect(parseArchiveName('lumenforge-pg-20260102T030405Z.copy.tar.gz')).toEqual({
      kind: 'pg',
      createdAt: new Date('2026-01-02T03:04:05Z'),
      sequence: 0,
    });
    expect(parseArchiveName('lumenforge-registry-20260102T030405Z-2.tar.gz')).toMatchObject({
      kind: 'registry',
      sequence: 2,
    });
  });

  it.each([
    'lumenforge-pg-20260102T030405Z.pgdump.tar.partial',
    'notes.txt',
    'lumenforge-pg-2026-01-02.tar',
    'lumenforge-xx-20260102T030405Z.tar',
  ])('ignores %s', (name) => expect(parseArchiveName(name)).toBeUndefined());
});

describe('planRotation', () => {
  it('removes archives older than the window and keeps the rest', () => {
    const entries = [
      entry('pg', daysAgo(31)),
      entry('pg', daysAgo(30, 1)),
      entry('pg', daysAgo(29, 23)),
      entry('pg', daysAgo(0)),
    ];
    const plan = planRotation(entries, NOW, 30);
    expect(plan.remove.map((item) => item.name)).toEqual([entries[0]?.name, entries[1]?.name]);
    expect(plan.keep.map((item) => item.name)).toEqual([entries[2]?.name, entries[3]?.name]);
  });

  it('never removes the newest archive of a kind, however old', () => {
    const entries = [
      entry('pg', daysAgo(90)),
      entry('pg', daysAgo(45)),
      entry('registry', daysAgo(100), 'tar.gz'),
    ];
    const plan = planRotation(entries, NOW, 30);
    expect(plan.remove.map((item) => item.name)).toEqual([entries[0]?.name]);
    expect(plan.keep.map((item) => item.name).sort()).toEqual([entries[1]?.name, entries[2]?.name].sort());
  });

  it('honours --keep-days, including 0 (only the newest survives)', () => {
    const entries = [entry('pg', daysAgo(8)), entry('pg', daysAgo(6)), entry('pg', daysAgo(0, 1))];
    expect(planRotation(entries, NOW, 7).remove).toHaveLength(1);
    expect(planRotation(entries, NOW, 0).keep.map((item) => item.name)).toEqual([entries[2]?.name]);
  });

  it('treats two archives of the same second by their sequence suffix', () => {
    const first = entry('pg', daysAgo(40));
    const second = { ...first, name: first.name.replace('Z.', 'Z-2.'), sequence: 2 };
    expect(planRotation([second, first], NOW, 30).keep).toEqual([second]);
  });
});
