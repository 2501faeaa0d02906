import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Memory = components['schemas']['MemoryResponse'];

export const memoryKeys = { all: ['memories'] as const };

/** What the assistant remembers, newest first. */
export const memoriesQuery = queryOptions({
  queryKey: memoryKeys.all,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/memories', { params: { query: { pageSize: 100 } }, signal })),
});
