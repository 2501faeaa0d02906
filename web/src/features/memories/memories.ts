import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { Translate } from '../../i18n';
import { formRules } from '../../ui/formRules';

export type Memory = components['schemas']['MemoryResponse'];

export const memoryKeys = { all: ['memories'] as const };

/** What the assistant remembers, newest first. */
export const memoriesQuery = queryOptions({
  queryKey: memoryKeys.all,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/memories', { params: { query: { pageSize: 100 } }, signal })),
});

/** The add and correct forms' check: the server's limit on a memory (MemoryRequest, MemoryConfiguration). */
export function memorySchema(t: Translate) {
  return z.object({ body: formRules(t).text(1000) });
}

export type MemoryValues = z.infer<ReturnType<typeof memorySchema>>;
