import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** One browser where the person turned notifications on (never its endpoint or keys). */
export type PushSubscriptionView = components['schemas']['PushSubscriptionResponse'];
export type NewPushSubscription = components['schemas']['PushSubscriptionRequest'];

export const pushKeys = {
  subscriptions: ['push', 'subscriptions'] as const,
};

export function fetchPublicKey(): Promise<string> {
  return unwrap(api.GET('/api/v1/push/public-key')).then((answer) => answer.publicKey);
}

export function listSubscriptions(signal?: AbortSignal): Promise<PushSubscriptionView[]> {
  return unwrap(api.GET('/api/v1/push/subscriptions', { signal }));
}

export function addSubscription(body: NewPushSubscription): Promise<PushSubscriptionView> {
  return unwrap(api.POST('/api/v1/push/subscriptions', { body }));
}

export function removeSubscription(id: string): Promise<unknown> {
  return unwrap(api.DELETE('/api/v1/push/subscriptions/{id}', { params: { path: { id } } }));
}

export function sendTest(): Promise<unknown> {
  return unwrap(api.POST('/api/v1/push/test'));
}
