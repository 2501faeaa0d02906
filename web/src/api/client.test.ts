import { vi } from 'vitest';
import { api, ApiProblem, unwrap } from './client';
import { shouldRetry } from './queryClient';

describe('unwrap', () => {
  it('returns the data of an OK answer', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(Response.json({ name: 'n', version: '1', databaseProvider: 'Sqlite', channels: [] }))));

    const meta = await unwrap(api.GET('/api/v1/meta'));

    expect(meta.databaseProvider).toBe('Sqlite');
  });

  it('throws an ApiProblem carrying the problem details', async () => {
    const body = { title: 'Bad thing', status: 400, detail: 'Because.', traceId: 't-1' };
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/problem+json' } })),
      ),
    );

    const error = await unwrap(api.GET('/api/v1/meta')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect(problem.status).toBe(400);
    expect(problem.title).toBe('Bad thing');
    expect(problem.detail).toBe('Because.');
    expect(problem.traceId).toBe('t-1');
    expect(problem.isClientError).toBe(true);
  });

  it('builds a problem from the status line when the body is not problem details', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))));

    const error = await unwrap(api.GET('/api/v1/meta')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(502);
    expect((error as ApiProblem).title).toBe('Bad Gateway');
  });
});

describe('shouldRetry', () => {
  it('never retries a 4xx problem', () => {
    expect(shouldRetry(0, new ApiProblem(404, { title: 'Not Found' }))).toBe(false);
    expect(shouldRetry(0, new ApiProblem(401, {}))).toBe(false);
  });

  it('retries network errors and 5xx twice', () => {
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new ApiProblem(503, {}))).toBe(true);
    expect(shouldRetry(2, new ApiProblem(503, {}))).toBe(false);
  });
});
