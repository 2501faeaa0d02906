import createClient from 'openapi-fetch';
import { toApiProblem } from './problem';
import type { paths } from './schema';

export { ApiProblem, type ProblemDetails } from './problem';

/**
 * The one typed client for the host's API. Same origin: the host serves both the app and the API,
 * and Vite's dev server forwards /api to it. Cookies travel with requests; no token is kept in script-readable storage.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json, application/problem+json' },
  // Resolve fetch on each call so a test (or a later auth layer) can replace it.
  fetch: (request: Request) => globalThis.fetch(request),
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Returns the data of an OK answer; throws an {@link ApiProblem} carrying the problem details otherwise. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw toApiProblem(response, error);
  }
  return data as T;
}
