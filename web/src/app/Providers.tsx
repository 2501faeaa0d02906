import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from '../features/auth/AuthProvider';
import { I18nProvider, languages, type Language } from '../i18n';
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
      <AuthProvider restoreSession={restoreSession}>
        <ProfileLanguage fallback={language}>
          <ProfileTimeZone>{children}</ProfileTimeZone>
        </ProfileLanguage>
      </AuthProvider>
    </QueryClientProvider>
  );
}

/** The app speaks the signed-in person's profile language (changing it in Settings switches at once); the browser's otherwise. */
function ProfileLanguage({ fallback, children }: { fallback: Language; children: ReactNode }) {
  const { user } = useAuth();
  const profile = languages.find((candidate) => candidate === user?.locale);
  return <I18nProvider language={profile ?? fallback}>{children}</I18nProvider>;
}

/** Dates and times everywhere follow the signed-in person's profile zone, as the server's "today" and reminders do. */
function ProfileTimeZone({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return <TimeZoneProvider timeZone={user?.timeZone}>{children}</TimeZoneProvider>;
}
