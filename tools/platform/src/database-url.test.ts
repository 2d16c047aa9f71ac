import { describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl } from './database-url';

describe('embeddedDatabaseUrl', () => {
  it('is the runner’s URL, the password encoded', () => {
    expect(embeddedDatabaseUrl('a/b+c', 54329)).toBe(
      'postgresql://postgres:a%2Fb%2Bc@127.0.0.1:54329/lumenforge',
    );
  });
});
