import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { Providers } from '../../app/Providers';
import { routes } from '../../app/routes';
import { problem, stubApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

// The whole app renders here; the first page of a file can take a while on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

// Each test its own token: the page posts a link at most once per page load.
let tokens = 0;
function newLink(): string {
  tokens += 1;
  return `/verify-email?email=sam%40example.test&token=abc%2B${String(tokens)}`;
}
const invalid = () => problem(400, 'This link is no longer valid.');

it('confirms the address from the link, once, even when React mounts the page twice', async () => {
  const host = stubApi({ 'POST /api/v1/auth/verify-email': () => undefined });
  render(
    <StrictMode>
      <Providers queryClient={createQueryClient()} language="en" restoreSession={false}>
        <RouterProvider router={createMemoryRouter(routes, { initialEntries: [newLink()] })} />
      </Providers>
    </StrictMode>,
  );

  expect(await screen.findByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeInTheDocument();
  expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  expect(host.posted()).toEqual([
    expect.objectContaining({ path: '/api/v1/auth/verify-email', body: { email: 'sam@example.test', token: `abc+${String(tokens)}` } }),
  ]);
});

it('offers a new link when this one no longer works, and answers calmly', async () => {
  const host = stubApi({ 'POST /api/v1/auth/verify-email': invalid, 'POST /api/v1/auth/resend-verification': () => new Response(null, { status: 202 }) });
  renderApp(newLink());

  expect(await screen.findByRole('heading', { level: 1, name: 'This link no longer works' })).toBeInTheDocument();
  expect(screen.getByLabelText('Email')).toHaveValue('sam@example.test');
  await userEvent.click(screen.getByRole('button', { name: 'Send me a new link' }));

  expect(await screen.findByText(/a new link is on its way/)).toBeInTheDocument();
  expect(host.posted().at(-1)).toEqual(expect.objectContaining({ path: '/api/v1/auth/resend-verification', body: { email: 'sam@example.test' } }));
});

it('asks for a valid address before sending a new link', async () => {
  const host = stubApi({});
  renderApp('/verify-email');

  expect(await screen.findByRole('heading', { level: 1, name: 'This link no longer works' })).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Send me a new link' }));

  expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
  expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Please fill this in.');
  expect(host.calls).toEqual([]);
});

it('says the check did not happen, and tries again, when the host does not answer', async () => {
  let attempts = 0;
  stubApi({
    'POST /api/v1/auth/verify-email': () => {
      attempts += 1;
      return attempts === 1 ? problem(503, 'Unavailable') : undefined;
    },
  });
  renderApp(newLink());

  expect(await screen.findByRole('alert')).toHaveTextContent('The link could not be checked just now.');
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeInTheDocument();
  expect(attempts).toBe(2);
});

it('is in French too', async () => {
  stubApi({ 'POST /api/v1/auth/verify-email': invalid });
  renderApp(newLink(), { language: 'fr' });

  expect(await screen.findByRole('heading', { level: 1, name: 'Ce lien ne fonctionne plus' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'M’envoyer un nouveau lien' })).toBeInTheDocument();
});

it('tells the signed-in owner of a confirmed address that all is done when the link comes again', async () => {
  document.cookie = 'pa_signed_in=1';
  stubApi({
    'POST /api/v1/auth/refresh': () => ({ accessToken: 'token', expiresIn: 900 }),
    'GET /api/v1/users/me': () => ({ id: 'u1', email: 'Sam@example.test', emailConfirmed: true, displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles: ['user'] }),
    'POST /api/v1/auth/verify-email': invalid,
  });
  try {
    renderApp(newLink(), { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Go to my day' })).toHaveAttribute('href', '/');
  } finally {
    document.cookie = 'pa_signed_in=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  }
});

it('does not post the link again when the cache is cleared on this page (signing out does that)', async () => {
  const host = stubApi({ 'POST /api/v1/auth/verify-email': () => undefined });
  const link = newLink();
  const { queryClient, router } = renderApp(link);
  expect(await screen.findByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeInTheDocument();

  queryClient.clear();
  await router.navigate(link);

  expect(await screen.findByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeInTheDocument();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(host.posted().filter((call) => call.path === '/api/v1/auth/verify-email')).toHaveLength(1);
});
