import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('parses every command with its defaults', () => {
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['status'])).toEqual({ command: 'status', json: false, strict: false });
    expect(parseArgs(['status', '--json', '--strict'])).toEqual({
      command: 'status',
      json: true,
      strict: true,
    });
    expect(parseArgs(['migrate'])).toEqual({ command: 'migrate', statusOnly: false });
    expect(parseArgs(['backup'])).toEqual({ command: 'backup', keepDays: 30, method: 'auto', rotate: true });
    expect(parseArgs(['restore', 'a.tar', '--yes'])).toEqual({
      command: 'restore',
      archive: 'a.tar',
      yes: true,
    });
    expect(parseArgs(['verify', '--report', 'out.md'])).toEqual({
      command: 'verify',
      report: 'out.md',
      json: false,
    });
  });

  it('accepts --flag value and --flag=value', () => {
    expect(
      parseArgs(['backup', '--dir', '/b', '--keep-days=7', '--method', 'builtin', '--no-rotate']),
    ).toEqual({
      command: 'backup',
      dir: '/b',
      keepDays: 7,
      method: 'builtin',
      rotate: false,
    });
    expect(parseArgs(['backup', '--dir=/with=equals'])).toMatchObject({ dir: '/with=equals' });
  });

  it('takes everything after -- as arguments', () => {
    expect(parseArgs(['restore', '--', '--odd-name.tar'])).toEqual({
      command: 'restore',
      archive: '--odd-name.tar',
      yes: false,
    });
  });

  it('shows help for --help anywhere', () => {
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['backup', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['launch'], /unknown command "launch"/],
    [['status', '--verbose'], /status: unknown option --verbose/],
    [['status', '-v'], /status: unknown option -v/],
    [['backup', '--dir'], /--dir needs a value/],
    [['backup', '--dir', '--keep-days', '3'], /--dir needs a value/],
    [['backup', '--keep-days', 'ten'], /--keep-days must be a number/],
    [['backup', '--keep-days', '-1'], /--keep-days must be a number/],
    [['backup', '--method', 'rsync'], /--method must be auto, pg_dump or builtin/],
    [['restore'], /name the archive/],
    [['restore', 'a', 'b'], /unexpected argument "b"/],
    [['status', 'extra'], /unexpected argument "extra"/],
    [['verify', '--json=yes'], /--json takes no value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
