import { describe, expect, it } from 'vitest';
import { canPgDumpServer, libpqEnv, parseToolVersion, serverMajor } from './pg-tools';

describe('choosing pg_dump', () => {
  it('parses tool versions', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toMatchObject({
      major: 15,
      minor: 20,
    });
    expect(parseToolVersion('pg_restore (PostgreSQL) 18.1')).toMatchObject({ major: 18, minor: 1 });
    expect(parseToolVersion('pg_dump (PostgreSQL) 9.6.24')).toMatchObject({ major: 9.6, minor: 24 });
    expect(parseToolVersion('command not found')).toBeUndefined();
  });

  it('reads the server major from server_version_num', () => {
    expect(serverMajor(150020)).toBe(15);
    expect(serverMajor(180004)).toBe(18);
    expect(serverMajor(90624)).toBe(9.6);
  });

  it('uses pg_dump only when it is at least the server major version', () => {
    expect(canPgDumpServer(15, serverMajor(150020))).toBe(true);
    expect(canPgDumpServer(16, serverMajor(150020))).toBe(true);
    expect(canPgDumpServer(15, serverMajor(180004))).toBe(false);
    expect(canPgDumpServer(15, 9.6)).toBe(true);
  });

  it('passes credentials through the libpq environment, not the command line', () => {
    expect(libpqEnv('postgresql://lf%40user:p%40ss@db.local:6543/lumen?sslmode=require')).toMatchObject({
      PGHOST: 'db.local',
      PGPORT: '6543',
      PGUSER: 'lf@user',
      PGPASSWORD: 'p@ss',
      PGDATABASE: 'lumen',
      PGSSLMODE: 'require',
    });
  });
});
