import { describe, expect, it } from 'vitest';
import { isSecretKey, maskSecrets, redactValue } from './redact';

describe('maskSecrets', () => {
  it.each([
    ['postgresql://lf:secret@127.0.0.1:5432/db', 'postgresql://***@127.0.0.1:5432/db'],
    ['redis://:pw@redis:6379/0', 'redis://***@redis:6379/0'],
    ['https://x-access-token:ghp_1@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    ['nats://nats:4222', 'nats://nats:4222'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: Bearer ***'],
    ['token lf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA used', 'token lf_*** used'],
    ['host=db password=secret user=lf', 'host=db password=*** user=lf'],
    ['/cb?code=1&access_token=abc&x=2', '/cb?code=1&access_token=***&x=2'],
  ])('%s → %s', (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });
});

describe('redactValue', () => {
  it('recognises secret field names and leaves ordinary ones', () => {
    for (const key of [
      'authorization',
      'Cookie',
      'set-cookie',
      'password',
      'DATABASE_PASSWORD',
      'clientSecret',
      'METRICS_TOKEN',
      'apiKey',
    ])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['tokens', 'tokenSetId', 'correlationId', 'userId', 'DATABASE_URL', 'author'])
      expect(isSecretKey(key), key).toBe(false);
  });

  it('copies without touching the input, and survives cycles', () => {
    const input: Record<string, unknown> = { password: 'p', nested: { list: [{ token: 't' }] } };
    input['self'] = input;
    const output = redactValue(input) as Record<string, unknown>;
    expect(input['password']).toBe('p');
    expect(output).toMatchObject({
      password: '[Redacted]',
      nested: { list: [{ token: '[Redacted]' }] },
      self: '[…]',
    });
  });

  it('serialises Headers and URLs', () => {
    const headers = new Headers({ authorization: 'Bearer x', accept: '*/*' });
    expect(redactValue({ headers, url: new URL('https://u:p@example.test/x') })).toEqual({
      headers: { authorization: '[Redacted]', accept: '*/*' },
      url: 'https://***@example.test/x',
    });
  });
});
