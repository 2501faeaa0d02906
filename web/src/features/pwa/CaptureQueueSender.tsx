import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { isUnreachable, sendCapture } from '../today/capture';
import { queuedCaptures, sendQueuedCaptures } from './captureQueue';
import { useOnline } from './online';

/** Sends the captures typed offline as soon as the browser is online with the person signed in. Shows nothing. */
export function CaptureQueueSender() {
  const { status, user } = useAuth();
  const { t } = useI18n();
  const online = useOnline();
  const queryClient = useQueryClient();
  const userId = status === 'signedIn' ? (user?.id ?? null) : null;
  const title = t('today.capture.conversation');

  useEffect(() => {
    if (!online || !userId || queuedCaptures(userId).length === 0) {
      return;
    }
    void sendQueuedCaptures(userId, (text) => sendCapture(userId, text, title), isUnreachable).then((sent) =>
      sent > 0 ? queryClient.invalidateQueries() : undefined,
    );
  }, [online, userId, title, queryClient]);

  return null;
}
