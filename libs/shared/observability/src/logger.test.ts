import { describe, expect, it } from 'vitest';
import { createLogger, loggerFromCallbacks } from './logger';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'spark',
    level,
    isPretty: false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('createLogger', () => {
  it('writes one JSON line per call with level, time, service, msg and the child bindings', () => {
    const { logger, lines, records } = capture();
    logger.child({ correlationId: 'corr-1234', userId: 'user-1' }).info({ route: 'tokens.read' }, 'handled');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]?.trimEnd().includes('\n')).toBe(false);
    const [record] = records();
    expect(record).toMatchObject({
      level: 'info',
      service: 'spark',
      correlationId: 'corr-1234',
      userId: 'user-1',
      route: 'tokens.read',
      msg: 'handled',
    });
    expect(new Date(String(record?.['time'])).toISOString()).toBe(record?.['time']);
  });

  it('keeps a multi-line message and stack on one line', () => {
    const { logger, lines, records } = capture();
    logger.error({ err: new Error('boom\nsecond line') }, 'failed\nbadly');
    expect(lines).toHaveLength(1);
    const [record] = records();
    expect(record?.['level']).toBe('error');
    expect(record?.['msg']).toBe('failed\nbadly');
    expect(record?.['err']).toMatchObject({ type: 'Error', message: 'boom\nsecond line' });
    expect(String((record?.['err'] as { stack: string }).stack)).toContain('logger.test.ts');
  });

  it('redacts authorization, cookies, passwords, tokens and credentials in URLs at any depth', () => {
    const { logger, lines, records } = capture();
    logger.info(
      {
        headers: {
          authorization: 'Bearer lf_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
          cookie: 'lf_session=s3cr3t-session',
          'set-cookie': ['lf_session=another'],
          accept: 'text/html',
        },
        user: { email: 'a@example.test', password: 'hunter2', profile: { apiToken: 'tok-123' } },
        password: 'hunter2',
        token: 'abc',
        clientSecret: 'xyz',
        env: { DATABASE_URL: 'postgresql://lumenforge:pgpass@db:5432/lumenforge', NATS_URL: 'nats://n:4222' },
        hasToken: true,
      },
      'connecting to postgresql://lumenforge:pgpass@db:5432/lumenforge with Bearer abc.def',
    );
    const text = lines.join('');
    for (const secret of [
      'hunter2',
      's3cr3t-session',
      'another',
      'tok-123',
      'pgpass',
      'xyz',
      'abcdefghijklmnop',
      'abc.def',
    ])
      expect(text).not.toContain(secret);
    const [record] = records();
    expect(record).toMatchObject({
      headers: {
        authorization: '[Redacted]',
        cookie: '[Redacted]',
        'set-cookie': '[Redacted]',
        accept: 'text/html',
      },
      user: { email: 'a@example.test', password: '[Redacted]', profile: { apiToken: '[Redacted]' } },
      password: '[Redacted]',
      token: '[Redacted]',
      env: { DATABASE_URL: 'postgresql://***@db:5432/lumenforge', NATS_URL: 'nats://n:4222' },
      hasToken: true,
      msg: 'connecting to postgresql://***@db:5432/lumenforge with Bearer ***',
    });
  });

  it('masks credentials in error messages and stacks', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('connect failed for redis://:redispass@cache:6379') }, 'redis down');
    expect(lines.join('')).not.toContain('redispass');
    expect(lines.join('')).toContain('redis://***@cache:6379');
  });

  it('honours the level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('loggerFromCallbacks', () => {
  it('passes the message and its redacted fields to the callbacks', () => {
    const info: string[] = [];
    const errors: string[] = [];
    const logger = loggerFromCallbacks({
      info: (line) => info.push(line),
      error: (line) => errors.push(line),
    });
    logger.child({ correlationId: 'c-1' }).info({ password: 'p' }, 'hello');
    logger.error('failed at postgresql://u:p@h/db');
    expect(info).toEqual(['hello {"correlationId":"c-1","password":"[Redacted]"}']);
    expect(errors).toEqual(['failed at postgresql://***@h/db']);
  });
});
