import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { StatusPage } from '../features/status/StatusPage';
import { HomeOrToday } from '../features/today/HomeOrToday';
import { Layout } from './Layout';

/**
 * A signed-in page, fetched when first opened: the landing and sign-in pages load without the app's code (issue 18's
 * budget: under 200 KB of JavaScript, gzipped, before signing in). The guard still decides before the page renders.
 */
function signedIn(load: () => Promise<ComponentType>, role?: 'administrator'): RouteObject['lazy'] {
  return async () => {
    const Page = await load();
    return {
      element: (
        <RequireAuth role={role}>
          <Page />
        </RequireAuth>
      ),
    };
  };
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomeOrToday /> },
      { path: 'status', element: <StatusPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'assistant', lazy: signedIn(async () => (await import('../features/assistant/AssistantPage')).AssistantPage) },
      { path: 'tasks', lazy: signedIn(async () => (await import('../features/tasks/TasksPage')).TasksPage) },
      { path: 'lists', lazy: signedIn(async () => (await import('../features/lists/ListsPage')).ListsPage) },
      { path: 'reminders', lazy: signedIn(async () => (await import('../features/reminders/RemindersPage')).RemindersPage) },
      { path: 'notes', lazy: signedIn(async () => (await import('../features/notes/NotesPage')).NotesPage) },
      { path: 'memories', lazy: signedIn(async () => (await import('../features/memories/MemoriesPage')).MemoriesPage) },
      { path: 'expenses', lazy: signedIn(async () => (await import('../features/expenses/ExpensesPage')).ExpensesPage) },
      { path: 'events', lazy: signedIn(async () => (await import('../features/events/EventsPage')).EventsPage) },
      { path: 'settings', lazy: signedIn(async () => (await import('../features/settings/SettingsPage')).SettingsPage) },
      { path: 'privacy', lazy: signedIn(async () => (await import('../features/privacy/PrivacyPage')).PrivacyPage) },
      { path: 'more', lazy: signedIn(async () => (await import('../features/more/MorePage')).MorePage) },
      { path: 'simulator', lazy: signedIn(async () => (await import('../features/sms/SimulatorPage')).SimulatorPage) },
      { path: 'admin/outbox', lazy: signedIn(async () => (await import('../features/admin/OutboxPage')).OutboxPage, 'administrator') },
      { path: 'admin/sms', lazy: signedIn(async () => (await import('../features/admin/SmsAdminPage')).SmsAdminPage, 'administrator') },
      { path: 'admin/users', lazy: signedIn(async () => (await import('../features/admin/UsersPage')).UsersPage, 'administrator') },
      { path: 'admin/users/:id', lazy: signedIn(async () => (await import('../features/admin/UserPage')).UserPage, 'administrator') },
      { path: 'admin/audit', lazy: signedIn(async () => (await import('../features/admin/AuditPage')).AuditPage, 'administrator') },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
