import { describe, expect, it } from 'vitest';
import { basicCredentialSecrets, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes the token, its URL-encoded and Basic forms, and URL credentials', () => {
    const token = 'tok/en+with=chars';
    const [, basic = ''] = basicCredentialSecrets('bob', token);
    const text = `fatal: token ${token} url-encoded ${encodeURIComponent(token)} header Basic ${basic} at https://bob:${encodeURIComponent(token)}@git.example/x.git`;
    const redacted = redactSecrets(text, basicCredentialSecrets('bob', token));
    expect(redacted).toBe('fatal: token *** url-encoded *** header Basic *** at https://***@git.example/x.git');
  });

  it('leaves text without secrets alone, and ignores secrets too short to be meaningful', () => {
    expect(redactSecrets('remote: frozen', ['abc'])).toBe('remote: frozen');
  });
});
