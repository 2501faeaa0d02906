import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useSettledValue } from '../../ui/useSettledValue';
import { useOnline } from '../pwa/online';

export type Understanding = components['schemas']['UnderstandResponse'];
export type UnderstoodPart = components['schemas']['UnderstoodPart'];

/** How long typing must pause before the assistant is asked what it understood. */
export const previewDelayMs = 300;

/** What the assistant would understand in `text`; saves nothing. Cancelled when a newer text replaces it. */
export async function understand(text: string, signal?: AbortSignal): Promise<Understanding> {
  return unwrap(api.POST('/api/v1/assistant/understand', { body: { text }, signal }));
}

/**
 * The preview of a capture while it is typed: asked once typing pauses, never for empty text nor offline (the capture
 * is then queued as before), quiet when it fails or is over the person's limit (no preview rather than an error). The
 * last preview stays while the next one is on its way, so the chips do not blink at every key. `text` is the preview's
 * own text, for its spans.
 */
export function useUnderstanding(typed: string): { understanding: Understanding; text: string } | null {
  const online = useOnline();
  const text = useSettledValue(typed.trim(), previewDelayMs);
  const wanted = online && text !== '' && typed.trim() !== '';
  const query = useQuery({
    queryKey: ['capture-preview', text],
    queryFn: async ({ signal }) => ({ understanding: await understand(text, signal), text }),
    enabled: wanted,
    retry: false,
    staleTime: 60_000,
    networkMode: 'online',
    placeholderData: keepPreviousData,
  });
  return wanted && query.data ? query.data : null;
}

/** The part's words in the text, or null when the words do not name it (the groceries list by default). */
export function partWords(part: UnderstoodPart, text: string): string | null {
  if (part.start === null || part.length === null) {
    return null;
  }
  const start = Number(part.start);
  const length = Number(part.length);
  return Number.isInteger(start) && Number.isInteger(length) && length > 0 ? text.slice(start, start + length) : null;
}

/**
 * `current` without the words of `part` (found in `previewed`, the text the preview was made for), the spaces around
 * them closed up. When the person typed on since, the same words are taken out where they still are.
 */
export function withoutPart(current: string, previewed: string, part: UnderstoodPart): string {
  const words = partWords(part, previewed);
  if (!words) {
    return current;
  }
  const previewedAt = Number(part.start);
  const at = current.slice(previewedAt, previewedAt + words.length) === words ? previewedAt : current.lastIndexOf(words);
  if (at < 0) {
    return current;
  }
  const before = current.slice(0, at).trimEnd();
  const after = current.slice(at + words.length).trimStart();
  return [before, after].filter((side) => side !== '').join(' ');
}
