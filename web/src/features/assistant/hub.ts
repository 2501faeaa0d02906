import type { components } from '../../api/schema';
import { currentAccessToken } from '../auth/session';

export type Conversation = components['schemas']['ConversationResponse'];
export type Message = components['schemas']['MessageResponse'];
export type Action = components['schemas']['ActionTaken'];

/** The hub's events. `messageId` is always the person's message the turn answers. */
export interface TurnStarted {
  conversationId: string;
  messageId: number | string;
}
export interface TextDelta extends TurnStarted {
  text: string;
}
export interface ActionEvent extends TurnStarted {
  action: Action;
}

export const hubPath = '/hubs/assistant';

/**
 * The part of a SignalR connection the page uses. A test hands in a small fake with the same four methods;
 * `onreconnected` is optional so such a fake can leave it out.
 */
export interface AssistantConnection {
  on(event: string, handler: (payload: never) => void): void;
  off(event: string, handler: (payload: never) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  onreconnected?(callback: () => void): void;
}

export type ConnectAssistant = () => AssistantConnection | Promise<AssistantConnection>;

/**
 * The real connection, loaded on first use so pages without the chat do not carry SignalR. Browsers cannot set
 * headers on a WebSocket, so the in-memory access token goes in the query string, read afresh on every (re)connect.
 */
export const connectAssistant: ConnectAssistant = async () => {
  const { HubConnectionBuilder, LogLevel } = await import('@microsoft/signalr');
  return new HubConnectionBuilder()
    .withUrl(hubPath, { accessTokenFactory: () => currentAccessToken() ?? '' })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
};
