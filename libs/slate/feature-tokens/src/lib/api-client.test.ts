import { describe, expect, it } from 'vitest';
import { problemFromResponse } from './api-client';

describe('problemFromResponse', () => {
  it('reads the API error body with every issue', () => {
    const problem = problemFromResponse(422, {
      error: {
        code: 'invalid_tokens',
        message: 'The draft has 1 issue.',
        issues: [
          {
            path: 'color.fg',
            message: 'fg on bg is 3:1',
            theme: 'dark',
            rule: 'contrast',
            severity: 'error',
          },
          'junk',
        ],
      },
    });
    expect(problem).toEqual({
      status: 422,
      code: 'invalid_tokens',
      message: 'The draft has 1 issue.',
      issues: [
        { path: 'color.fg', message: 'fg on bg is 3:1', theme: 'dark', rule: 'contrast', severity: 'error' },
      ],
    });
  });

  it('reads the flat error body of the runtime too', () => {
    const problem = problemFromResponse(422, {
      error: 'invalid_tokens',
      message: 'The tokens have 1 problem; nothing was saved',
      issues: [{ path: 'color.bg', message: 'Unknown alias', rule: 'alias', severity: 'error' }],
    });
    expect(problem.code).toBe('invalid_tokens');
    expect(problem.message).toBe('The tokens have 1 problem; nothing was saved');
    expect(problem.issues).toHaveLength(1);
    expect(problemFromResponse(409, { error: 'conflict', message: 'The draft changed' }).code).toBe(
      'conflict',
    );
  });

  it('falls back to a message that says what to do', () => {
    expect(problemFromResponse(409, null).message).toMatch(/Reload/);
    expect(problemFromResponse(500, 'oops').message).toBe('The server answered 500. Try again.');
  });
});
