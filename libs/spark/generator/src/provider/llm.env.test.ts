import { describe, expect, it } from 'vitest';
import { readLlmEnv } from './llm.env';

describe('readLlmEnv', () => {
  it('is null when LLM_BASE_URL is unset or empty: the built-in generator answers alone', () => {
    expect(readLlmEnv({})).toBeNull();
    expect(readLlmEnv({ LLM_BASE_URL: '', LLM_MODEL: 'x' })).toBeNull();
  });

  it('reads the provider configuration, the key and timeout optional', () => {
    expect(
      readLlmEnv({
        LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
        LLM_MODEL: 'qwen2.5-coder:7b',
        LLM_API_KEY: '',
      }),
    ).toEqual({
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LLM_MODEL: 'qwen2.5-coder:7b',
    });
    expect(
      readLlmEnv({
        LLM_BASE_URL: 'https://api.deepseek.com/v1',
        LLM_MODEL: 'deepseek-chat',
        LLM_API_KEY: 'sk-1',
        LLM_TIMEOUT_MS: '90000',
      }),
    ).toEqual({
      LLM_BASE_URL: 'https://api.deepseek.com/v1',
      LLM_MODEL: 'deepseek-chat',
      LLM_API_KEY: 'sk-1',
      LLM_TIMEOUT_MS: 90_000,
    });
  });

  it('names each bad variable', () => {
    expect(() => readLlmEnv({ LLM_BASE_URL: 'ftp://models.example' })).toThrow(
      /LLM_BASE_URL: must be an http\(s\) URL[\s\S]*LLM_MODEL: is required/,
    );
    expect(() =>
      readLlmEnv({ LLM_BASE_URL: 'http://x.test/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon' }),
    ).toThrow(/LLM_TIMEOUT_MS/);
  });
});
