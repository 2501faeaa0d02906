import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider } from '../features/auth/AuthProvider';
import { I18nProvider, type Language } from '../i18n';

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
        <AuthProvider restoreSession={restoreSession}>{children}</AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
