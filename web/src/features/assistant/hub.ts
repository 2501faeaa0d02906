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
 * The part of a SignalR connection the app uses. A test hands in a small fake with the same four methods;
 * `onreconnected` and `onclose` are optional so such a fake can leave them out.
 */
export interface AssistantConnection {
  on(event: string, handler: (payload: never) => void): void;
  off(event: string, handler: (payload: never) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  onreconnected?(callback: () => void): void;
  onclose?(callback: () => void): void;
}

export type ConnectAssistant = () => AssistantConnection | Promise<AssistantConnection>;

/** Builds the one SignalR connection to the hub. Browsers cannot set headers on a WebSocket, so the in-memory access
 * token goes in the query string, read afresh on every (re)connect. Loaded on first use so pages without it do not
 * carry SignalR. */
async function buildHubConnection(): Promise<AssistantConnection> {
  const { HubConnectionBuilder, LogLevel } = await import('@microsoft/signalr');
  return new HubConnectionBuilder()
    .withUrl(hubPath, { accessTokenFactory: () => currentAccessToken() ?? '' })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
}

/**
 * One connection shared by everything that listens to the hub (the chat's turns, the bell's notifications): each
 * caller gets a lease with the same four methods. The first `start` opens the connection, the last `stop` closes it,
 * so two listeners never open two sockets, and a listener leaving never cuts the other off.
 */
export function sharedConnection(build: () => AssistantConnection | Promise<AssistantConnection>): ConnectAssistant {
  let connection: Promise<AssistantConnection> | null = null;
  let running: Promise<void> | null = null;
  let stopping: Promise<void> = Promise.resolve();
  let leases = 0;
  const reconnected = new Set<() => void>();

  const open = () =>
    (connection ??= Promise.resolve(build()).then((built) => {
      built.onreconnected?.(() => {
        reconnected.forEach((callback) => {
          callback();
        });
      });
      // Closed for good (reconnection gave up): the next start opens it again.
      built.onclose?.(() => {
        running = null;
      });
      return built;
    }));

  return async () => {
    const hub = await open();
    let started = false;
    const mine = new Set<() => void>();
    return {
      on: (event, handler) => {
        hub.on(event, handler);
      },
      off: (event, handler) => {
        hub.off(event, handler);
      },
      onreconnected: (callback) => {
        mine.add(callback);
        reconnected.add(callback);
      },
      start: async () => {
        if (started) {
          return;
        }
        started = true;
        leases += 1;
        await stopping;
        running ??= hub.start().catch((error: unknown) => {
          running = null;
          throw error;
        });
        await running;
      },
      stop: async () => {
        mine.forEach((callback) => reconnected.delete(callback));
        if (!started) {
          return;
        }
        started = false;
        leases -= 1;
        if (leases > 0 || !running) {
          return;
        }
        const wasRunning = running;
        running = null;
        stopping = wasRunning.catch(() => undefined).then(() => hub.stop());
        await stopping;
      },
    };
  };
}

/** The real connection to the hub, shared by the whole app. */
export const connectAssistant: ConnectAssistant = sharedConnection(buildHubConnection);
