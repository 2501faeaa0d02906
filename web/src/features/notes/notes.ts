import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Note = components['schemas']['NoteResponse'];
export type NoteSummary = components['schemas']['NoteSummary'];

export const noteKeys = {
  all: ['notes'] as const,
  search: (q: string) => [...noteKeys.all, 'list', q] as const,
  note: (id: string) => [...noteKeys.all, 'note', id] as const,
  backlinks: (id: string) => [...noteKeys.all, 'backlinks', id] as const,
};

/** Pinned first, then the latest; or the best matches for `q` (full text on the server). */
export function notesQuery(q: string) {
  return queryOptions({
    queryKey: noteKeys.search(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notes', { params: { query: { q: q || undefined, pageSize: 50 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function noteQuery(id: string) {
  return queryOptions({
    queryKey: noteKeys.note(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notes/{id}', { params: { path: { id } }, signal })),
  });
}

export function backlinksQuery(id: string) {
  return queryOptions({
    queryKey: noteKeys.backlinks(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notes/{id}/backlinks', { params: { path: { id } }, signal })),
  });
}

/** "errands, health ,  " → ["errands", "health"]. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
