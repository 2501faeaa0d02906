import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ShoppingList = components['schemas']['ListResponse'];
export type ListItem = components['schemas']['ListItemResponse'];

export const listKeys = {
  all: ['lists'] as const,
  items: (listId: string) => [...listKeys.all, 'items', listId] as const,
};

export const listsQuery = queryOptions({
  queryKey: listKeys.all,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/lists', { signal })),
});

/** A list's items, unchecked first. */
export function itemsQuery(listId: string) {
  return queryOptions({
    queryKey: listKeys.items(listId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/lists/{id}/items', { params: { path: { id: listId } }, signal })),
  });
}
