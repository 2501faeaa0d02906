import { vi } from 'vitest';
import { jsonResponse } from './render';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** What a route answers: a Response as is, undefined as 204, anything else as JSON 200. */
type RouteHandler = (call: ApiCall & { params: string[] }) => unknown;

/**
 * Replaces fetch with an in-memory host. Routes are "METHOD /path/:param", tried in order (put /tasks/next before
 * /tasks/:id). Every request is recorded in `calls`; an unknown route answers a 404 problem.
 */
export function stubApi(routes: Record<string, RouteHandler>) {
  const calls: ApiCall[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method = 'GET', pattern = '/'] = key.split(' ');
    return { method, regex: new RegExp(`^${pattern.replace(/:\w+/g, '([^/]+)')}$`), handler };
  });
  const fetchMock = vi.fn(async (input: Request | string, init?: RequestInit) => {
    // The session's refresh calls fetch with a path, the API client with a Request.
    const request = input instanceof Request ? input : new Request(new URL(input, 'http://localhost'), init);
    const url = new URL(request.url);
    const text = await request.text();
    // JSON bodies are parsed; any other (an .ics file as text/calendar) is kept as its text.
    const json = request.headers.get('Content-Type')?.includes('json') ?? true;
    const body = text ? (json ? (JSON.parse(text) as unknown) : text) : undefined;
    const call: ApiCall = { method: request.method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    for (const route of table) {
      const match = route.regex.exec(url.pathname);
      if (route.method === request.method && match) {
        const result = await route.handler({ ...call, params: match.slice(1) });
        if (result instanceof Response) {
          return result;
        }
        return result === undefined ? new Response(null, { status: 204 }) : jsonResponse(result);
      }
    }
    return jsonResponse({ title: 'Not found', status: 404 }, 404, 'application/problem+json');
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, posted: () => calls.filter((c) => c.method !== 'GET') };
}

export function problem(status: number, detail: string, errors?: Record<string, string[]>): Response {
  return jsonResponse({ title: 'Problem', status, detail, errors }, status, 'application/problem+json');
}
