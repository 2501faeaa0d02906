import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from '../features/auth/AuthProvider';
import { I18nProvider, type Language } from '../i18n';
import { TimeZoneProvider } from '../ui/timeZone';

export function Providers({
  queryClient,
  language,
  restoreSession = true,
  children,
}: {
  queryClient: QueryClient;
  language: Language;
  restoreSession?: boolean;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider language={language}>
        <AuthProvider restoreSession={restoreSession}>
          <ProfileTimeZone>{children}</ProfileTimeZone>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

/** Dates and times everywhere follow the signed-in person's profile zone, as the server's "today" and reminders do. */
function ProfileTimeZone({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return <TimeZoneProvider timeZone={user?.timeZone}>{children}</TimeZoneProvider>;
}
