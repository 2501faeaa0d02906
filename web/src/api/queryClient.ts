import { QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { ApiProblem } from './problem';

const maxRetries = 2;

/** No retry on 4xx (asking again will not change the answer); a couple of quiet retries on network errors and 5xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiProblem && error.isClientError) {
    return false;
  }
  return failureCount < maxRetries;
}

/**
 * The one place where failed queries are seen. Screens show their own calm error state;
 * this handler is where session expiry (401) will send the person to sign in once accounts exist.
 */
export function handleQueryError(error: unknown): void {
  if (import.meta.env.DEV && import.meta.env.MODE !== 'test') {
    const label = error instanceof ApiProblem ? `${error.status} ${error.title ?? ''}`.trim() : String(error);
    console.warn(`[api] ${label}`);
  }
}

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleQueryError }),
    defaultOptions: {
      ...overrides,
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Offline, a query still asks once: the service worker answers Today's reads from what it saved.
        networkMode: 'offlineFirst',
        ...overrides.queries,
      },
      mutations: {
        retry: false,
        ...overrides.mutations,
      },
    },
  });
}
