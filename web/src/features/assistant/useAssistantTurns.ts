import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { assistantKeys, showMessage } from './conversations';
import type { Action, ActionEvent, AssistantConnection, ConnectAssistant, Message, TextDelta, TurnStarted } from './hub';

/** A reply being written: what has streamed so far, and what it did. Keyed by the person's message id. */
export interface PendingTurn {
  conversationId: string;
  messageId: string;
  text: string;
  actions: Action[];
  startedAt: number;
}

/** With no news of a turn for this long (hub down, event lost), stop waiting and read the conversation again. */
const quietLimitMs = 60_000;

/**
 * Listens to the assistant hub for as long as the page is open: streams each running turn and, once a turn is
 * complete, shows the stored reply and refreshes the conversation from the server.
 */
export function useAssistantTurns(connect: ConnectAssistant) {
  const queryClient = useQueryClient();
  const [turns, setTurns] = useState<Record<string, PendingTurn>>({});
  const [lastReply, setLastReply] = useState<Message | null>(null);
  // Events can overtake the answer to the POST; a turn already completed must not start waiting again.
  const completed = useRef(new Set<string>());

  const update = useCallback((conversationId: string, messageId: number | string, change: (turn: PendingTurn) => PendingTurn) => {
    const id = String(messageId);
    if (completed.current.has(id)) {
      return;
    }
    setTurns((current) => {
      const turn = current[id] ?? { conversationId, messageId: id, text: '', actions: [], startedAt: Date.now() };
      return { ...current, [id]: change(turn) };
    });
  }, []);

  /** The server accepted the person's message: wait for its reply. */
  const begin = useCallback(
    (conversationId: string, messageId: number | string) => {
      update(conversationId, messageId, (turn) => turn);
    },
    [update],
  );

  useEffect(() => {
    const onStarted = (event: TurnStarted) => {
      update(event.conversationId, event.messageId, (turn) => turn);
    };
    const onDelta = (event: TextDelta) => {
      update(event.conversationId, event.messageId, (turn) => ({ ...turn, text: turn.text + event.text }));
    };
    const onAction = (event: ActionEvent) => {
      update(event.conversationId, event.messageId, (turn) => ({ ...turn, actions: [...turn.actions, event.action] }));
    };
    const onCompleted = (reply: Message) => {
      const id = String(reply.replyTo);
      completed.current.add(id);
      setTurns((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== id)));
      setLastReply(reply);
      void showMessage(queryClient, reply).then(() =>
        queryClient.invalidateQueries({ queryKey: assistantKeys.messages(reply.conversationId) }),
      );
      void queryClient.invalidateQueries({ queryKey: assistantKeys.conversations() });
    };
    const handlers: [string, (payload: never) => void][] = [
      ['turnStarted', onStarted],
      ['textDelta', onDelta],
      ['actionTaken', onAction],
      ['turnCompleted', onCompleted],
    ];

    const state: { connection: AssistantConnection | null; closed: boolean } = { connection: null, closed: false };
    void (async () => {
      try {
        const connection = await connect();
        if (state.closed) {
          return;
        }
        state.connection = connection;
        for (const [event, handler] of handlers) {
          connection.on(event, handler);
        }
        // Turns that completed while the connection was down are only on the server now.
        connection.onreconnected?.(() => {
          void queryClient.invalidateQueries({ queryKey: assistantKeys.all });
        });
        await connection.start();
      } catch {
        // Without the hub, replies still arrive: the quiet limit below reads the conversation again.
      }
    })();
    return () => {
      state.closed = true;
      const { connection } = state;
      if (connection) {
        for (const [event, handler] of handlers) {
          connection.off(event, handler);
        }
        connection.stop().catch(() => undefined);
      }
    };
  }, [connect, queryClient, update]);

  useEffect(() => {
    if (Object.keys(turns).length === 0) {
      return;
    }
    const timer = setTimeout(() => {
      const cutoff = Date.now() - quietLimitMs;
      setTurns((current) => Object.fromEntries(Object.entries(current).filter(([, turn]) => turn.startedAt > cutoff)));
      void queryClient.invalidateQueries({ queryKey: assistantKeys.all });
    }, quietLimitMs);
    return () => {
      clearTimeout(timer);
    };
  }, [turns, queryClient]);

  return { turns, lastReply, begin };
}
