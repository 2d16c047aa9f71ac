import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createZipArchive, dosDateTime, MAX_ZIP_INPUT_BYTES, ZipTooLargeError } from './zip-archive';

const dir = mkdtempSync(join(tmpdir(), 'zip-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type TReadEntry = {
  name: string;
  content: string;
  mode: number;
  utf8: boolean;
  date: number[];
  method: number;
};

// Python's zipfile reads the archive independently of this writer and checks every CRC-32 on read.
const READ_ZIP = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    assert archive.testzip() is None
    print(json.dumps([{
        'name': info.filename,
        'content': base64.b64encode(archive.read(info)).decode(),
        'mode': info.external_attr >> 16,
        'utf8': bool(info.flag_bits & 0x800),
        'date': list(info.date_time),
        'method': info.compress_type,
    } for info in archive.infolist()]))
`;

function readWithPython(zip: Buffer): TReadEntry[] {
  const file = join(dir, `${randomBytes(4).toString('hex')}.zip`);
  writeFileSync(file, zip);
  return JSON.parse(execFileSync('python3', ['-c', READ_ZIP, file], { encoding: 'utf8' })) as TReadEntry[];
}

describe('createZipArchive', () => {
  const binary = randomBytes(4096); // random bytes do not deflate: stored
  const text = Buffer.from('{\n  "name": "demo"\n}\n'.repeat(50));
  const at = new Date('2026-12-07T22:51:37Z');
  const entries = [
    { path: 'package.json', content: text },
    { path: 'src/empty.ts', content: Buffer.alloc(0) },
    { path: 'assets/logo.bin', content: binary },
    { path: 'docs/café — 日本語.md', content: Buffer.from('# ünïcödé\n') },
    { path: 'bin/run.sh', content: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
  ];

  it('is read back by Python zipfile with the same names, bytes, dates and permissions', () => {
    const read = readWithPython(createZipArchive(entries, { modifiedAt: at }));
    expect(read.map((entry) => entry.name)).toEqual(entries.map((entry) => entry.path));
    expect(read.map((entry) => Buffer.from(entry.content, 'base64'))).toEqual(
      entries.map((entry) => entry.content),
    );
    expect(read.every((entry) => entry.utf8)).toBe(true);
    // DOS time has 2-second steps.
    expect(new Set(read.map((entry) => entry.date.join(',')))).toEqual(new Set(['2026,12,7,22,51,36']));
    expect(read.map((entry) => entry.mode)).toEqual([0o100644, 0o100644, 0o100644, 0o100644, 0o100755]);
    // The repetitive text deflated (8); random bytes, the empty file and short ones that deflate would grow stored (0).
    expect(read.map((entry) => entry.method)).toEqual([8, 0, 0, 0, 0]);
  });

  it('is extracted by unzip with executables kept executable', (context) => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      context.skip(); // Python's reader above covers the format; unzip is a second opinion
    }
    const zip = join(dir, 'unzip.zip');
    const out = join(dir, 'unzipped');
    writeFileSync(zip, createZipArchive(entries, { modifiedAt: at }));
    execFileSync('unzip', ['-q', zip, '-d', out]);
    const listing = execFileSync('find', [out, '-type', 'f', '-printf', '%P %m %s\n'], { encoding: 'utf8' });
    expect(listing.trim().split('\n').sort()).toEqual(
      entries
        .map((entry) => `${entry.path} ${(entry.mode ?? 0o644).toString(8)} ${entry.content.length}`)
        .sort(),
    );
  });

  it('per-entry dates win over the default; years before 1980 are clamped', () => {
    const read = readWithPython(
      createZipArchive(
        [
          { path: 'a.txt', content: Buffer.from('a'), modifiedAt: new Date('2001-02-03T04:05:06Z') },
          { path: 'b.txt', content: Buffer.from('b') },
        ],
        { modifiedAt: new Date('1970-01-01T00:00:00Z') },
      ),
    );
    expect(read.map((entry) => entry.date)).toEqual([
      [2001, 2, 3, 4, 5, 6],
      [1980, 1, 1, 0, 0, 0],
    ]);
    expect(dosDateTime(new Date('1980-01-01T00:00:00Z'))).toEqual({ time: 0, date: (1 << 5) | 1 });
  });

  it('an empty archive is a valid one', () => {
    expect(readWithPython(createZipArchive([]))).toEqual([]);
  });

  it('refuses more than the size limit, unsafe paths and duplicates', () => {
    expect(MAX_ZIP_INPUT_BYTES).toBe(50 * 1024 * 1024);
    expect(() => createZipArchive([{ path: 'a', content: Buffer.alloc(11) }], { maxBytes: 10 })).toThrow(
      ZipTooLargeError,
    );
    for (const path of ['/etc/passwd', '../up.txt', 'a/../../b', 'a//b', 'a\\b', ''])
      expect(() => createZipArchive([{ path, content: Buffer.alloc(1) }]), path).toThrow(/Not a relative/);
    expect(() =>
      createZipArchive([
        { path: 'a', content: Buffer.alloc(1) },
        { path: 'a', content: Buffer.alloc(1) },
      ]),
    ).toThrow(/already has a/);
  });
});
