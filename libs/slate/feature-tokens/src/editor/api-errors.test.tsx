// SLATE's pages call the token API through the shared client (@lumenforge/ui/api-client). These
// tests serve the error answers SLATE's routes really send (the runtime's errorResponse for a body
// that fails its schema and for tokens the rules refuse) over HTTP and check what the editor shows.
import { errorResponse, readJsonBody } from '@lumenforge/runtime/server';
import { startFetchServer, type TFetchServer } from '@lumenforge/server-process';
import { TokenValidationError, ZValidateBodySchema } from '@lumenforge/slate-data-access/server';
import { sendJson, type TApiProblem } from '@lumenforge/ui/api-client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TIssue } from '../lib/types';
import { isTokenIssue } from './draft-model';
import { IssueList } from './issue-list';

const CONTRAST_ISSUE: TIssue = {
  path: 'color.fg-subtle',
  message: 'color.fg-subtle on color.surface is 3.45:1 in dark; WCAG 2.2 needs 4.5:1',
  theme: 'dark',
  rule: 'contrast',
  severity: 'error',
};

let server: TFetchServer;

beforeAll(async () => {
  server = await startFetchServer(async (request) => {
    try {
      if (new URL(request.url).pathname === '/api/tokens/validate') {
        await readJsonBody(request, ZValidateBodySchema);
        return Response.json({ issues: [] });
      }
      throw new TokenValidationError('The draft has 1 issue; nothing was saved', [CONTRAST_ISSUE]);
    } catch (error) {
      return errorResponse(error, 'api-errors.test');
    }
  });
});
afterAll(() => server.close());

async function refusal(path: string, body: unknown): Promise<TApiProblem> {
  const result = await sendJson(`${server.url}${path}`, { method: 'POST', body });
  if (result.ok) throw new Error(`expected ${path} to be refused`);
  return result.problem;
}

const listed = (problem: TApiProblem) =>
  renderToStaticMarkup(<IssueList issues={problem.issues} title="Refused because of:" testId="issues" />);

describe('SLATE shows the errors its API sends', () => {
  it('lists every issue of a 422 with its token path and theme', async () => {
    const problem = await refusal('/api/tokens/publish', { changelog: 'x' });
    expect(problem).toMatchObject({
      status: 422,
      error: 'invalid_tokens',
      message: 'The draft has 1 issue; nothing was saved',
    });
    expect(problem.issues.filter(isTokenIssue)).toEqual([CONTRAST_ISSUE]);
    expect(listed(problem)).toContain(`color.fg-subtle (dark)</span>: ${CONTRAST_ISSUE.message}`);
  });

  it('lists the fields of a body that fails its schema (400), which are not token issues', async () => {
    const problem = await refusal('/api/tokens/validate', { operations: [{ op: 'launch' }] });
    expect(problem).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(problem.issues.length).toBeGreaterThan(0);
    expect(problem.issues[0]?.path).toMatch(/^operations\.0/);
    expect(problem.issues.filter(isTokenIssue)).toEqual([]);
    expect(listed(problem)).toContain('operations.0.op</span>: Invalid discriminator value');
  });
});
