import type { Client } from 'openapi-fetch';
import { api, unwrap } from '../../api/client';

/** One browser where the person turned notifications on. */
export interface PushSubscriptionView {
  id: string;
  label: string;
  createdAt: string;
  lastSuccessAt: string | null;
}

export interface NewPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  label: string;
}

type Json<T> = { content: { 'application/json': T } };
type NoContent = { content?: never };

/**
 * The push endpoints (issue 16, branch wip/channels), typed by hand from their contract until the host's OpenAPI
 * document carries them; then `pushClient` becomes the generated `api` and these types go away. Same client object,
 * so the sign-in middleware applies.
 */
interface PushPaths {
  '/api/v1/push/public-key': { get: { parameters: object; responses: { 200: Json<{ publicKey: string }> } } };
  '/api/v1/push/subscriptions': {
    get: { parameters: object; responses: { 200: Json<PushSubscriptionView[]> } };
    post: { parameters: object; requestBody: Json<NewPushSubscription>; responses: { 201: Json<PushSubscriptionView> } };
  };
  '/api/v1/push/subscriptions/{id}': {
    delete: { parameters: { path: { id: string } }; responses: { 204: NoContent } };
  };
  '/api/v1/push/test': { post: { parameters: object; responses: { 202: NoContent } } };
}

const pushClient = api as unknown as Client<PushPaths>;

export const pushKeys = {
  subscriptions: ['push', 'subscriptions'] as const,
};

export function fetchPublicKey(): Promise<string> {
  return unwrap(pushClient.GET('/api/v1/push/public-key', {})).then((answer) => answer.publicKey);
}

export function listSubscriptions(signal?: AbortSignal): Promise<PushSubscriptionView[]> {
  return unwrap(pushClient.GET('/api/v1/push/subscriptions', { signal }));
}

export function addSubscription(body: NewPushSubscription): Promise<PushSubscriptionView> {
  return unwrap(pushClient.POST('/api/v1/push/subscriptions', { body }));
}

export function removeSubscription(id: string): Promise<unknown> {
  return unwrap(pushClient.DELETE('/api/v1/push/subscriptions/{id}', { params: { path: { id } } }));
}

export function sendTest(): Promise<unknown> {
  return unwrap(pushClient.POST('/api/v1/push/test', {}));
}
