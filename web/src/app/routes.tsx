import type { RouteObject } from 'react-router';
import { AuditPage } from '../features/admin/AuditPage';
import { OutboxPage } from '../features/admin/OutboxPage';
import { SmsAdminPage } from '../features/admin/SmsAdminPage';
import { UserPage } from '../features/admin/UserPage';
import { UsersPage } from '../features/admin/UsersPage';
import { AssistantPage } from '../features/assistant/AssistantPage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage';
import { VerifyEmailPage } from '../features/auth/VerifyEmailPage';
import { EventsPage } from '../features/events/EventsPage';
import { ExpensesPage } from '../features/expenses/ExpensesPage';
import { ListsPage } from '../features/lists/ListsPage';
import { MorePage } from '../features/more/MorePage';
import { MemoriesPage } from '../features/memories/MemoriesPage';
import { NotFoundPage } from '../features/not-found/NotFoundPage';
import { NotesPage } from '../features/notes/NotesPage';
import { PrivacyPage } from '../features/privacy/PrivacyPage';
import { RemindersPage } from '../features/reminders/RemindersPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SimulatorPage } from '../features/sms/SimulatorPage';
import { StatusPage } from '../features/status/StatusPage';
import { TasksPage } from '../features/tasks/TasksPage';
import { HomeOrToday } from '../features/today/HomeOrToday';
import { Layout } from './Layout';

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
      {
        path: 'assistant',
        element: (
          <RequireAuth>
            <AssistantPage />
          </RequireAuth>
        ),
      },
      {
        path: 'tasks',
        element: (
          <RequireAuth>
            <TasksPage />
          </RequireAuth>
        ),
      },
      {
        path: 'lists',
        element: (
          <RequireAuth>
            <ListsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'reminders',
        element: (
          <RequireAuth>
            <RemindersPage />
          </RequireAuth>
        ),
      },
      {
        path: 'notes',
        element: (
          <RequireAuth>
            <NotesPage />
          </RequireAuth>
        ),
      },
      {
        path: 'memories',
        element: (
          <RequireAuth>
            <MemoriesPage />
          </RequireAuth>
        ),
      },
      {
        path: 'expenses',
        element: (
          <RequireAuth>
            <ExpensesPage />
          </RequireAuth>
        ),
      },
      {
        path: 'events',
        element: (
          <RequireAuth>
            <EventsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'settings',
        element: (
          <RequireAuth>
            <SettingsPage />
          </RequireAuth>
        ),
      },
      {
        path: 'privacy',
        element: (
          <RequireAuth>
            <PrivacyPage />
          </RequireAuth>
        ),
      },
      {
        path: 'more',
        element: (
          <RequireAuth>
            <MorePage />
          </RequireAuth>
        ),
      },
      {
        path: 'simulator',
        element: (
          <RequireAuth>
            <SimulatorPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/outbox',
        element: (
          <RequireAuth role="administrator">
            <OutboxPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/sms',
        element: (
          <RequireAuth role="administrator">
            <SmsAdminPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireAuth role="administrator">
            <UsersPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/users/:id',
        element: (
          <RequireAuth role="administrator">
            <UserPage />
          </RequireAuth>
        ),
      },
      {
        path: 'admin/audit',
        element: (
          <RequireAuth role="administrator">
            <AuditPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
