import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const metaQueryKey = ['meta'] as const;

export function useMeta() {
  return useQuery({
    queryKey: metaQueryKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/meta', { signal })),
  });
}
