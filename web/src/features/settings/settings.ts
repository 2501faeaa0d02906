import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The cache keys of the person's settings, shared by every screen that reads or changes them. */
export const settingsKeys = {
  preferences: ['preferences'] as const,
  phones: ['phone-numbers'] as const,
  mfa: ['mfa'] as const,
};

/** The person's phone numbers, confirmed or not. */
export const phonesQuery = queryOptions({
  queryKey: settingsKeys.phones,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/me/phone-numbers', { signal })),
});

/** Which second factors are on and which can prove a sign-in. */
export const mfaQuery = queryOptions({
  queryKey: settingsKeys.mfa,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/mfa', { signal })),
});
