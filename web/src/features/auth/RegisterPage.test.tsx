import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { jsonResponse, renderApp } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const accepted = { message: 'We sent an email to this address. Sign in with it now, or follow the email if it asks you to confirm the address first.' };

function route(handlers: Record<string, () => Response>) {
  const fetchMock = vi.fn((input: unknown) => {
    const path = input instanceof Request ? new URL(input.url).pathname : String(input);
    const handler = handlers[path];
    return Promise.resolve(handler ? handler() : jsonResponse({ title: 'Not found', status: 404 }, 404, 'application/problem+json'));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function fillAndSubmit() {
  await userEvent.type(screen.getByLabelText('What should the assistant call you?'), 'Sam');
  await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
  await userEvent.type(screen.getByLabelText('Password'), 'maple orbit lantern 47');
  await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));
}

describe('RegisterPage', () => {
  it('signs a new account in right after the answer', async () => {
    const fetchMock = route({
      '/api/v1/auth/register': () => jsonResponse(accepted, 200),
      '/api/v1/auth/login': () => jsonResponse({ mfaRequired: false, accessToken: 'token', tokenType: 'Bearer', expiresIn: 900 }),
      '/api/v1/users/me': () =>
        jsonResponse({ id: '0193a000-0000-7000-8000-000000000010', email: 'sam@example.test', emailConfirmed: false, displayName: 'Sam',
          timeZone: 'Europe/Paris', locale: 'en', roles: ['user'], mfaEnabled: false, isActive: true, createdAt: '2026-11-01T10:00:00Z' }),
      '/api/v1/sessions': () => jsonResponse([]),
    });
    const { router } = renderApp('/register');

    await fillAndSubmit();

    await vi.waitFor(() => {
      expect(fetchMock.mock.calls.some(([input]) => input instanceof Request && input.url.endsWith('/api/v1/auth/login'))).toBe(true);
    });
    await vi.waitFor(() => {
      expect(router.state.location.pathname).toBe('/');
    });
    expect(screen.queryByText(/Check your email/)).not.toBeInTheDocument();
  });

  it('checks the password length before sending anything', async () => {
    const fetchMock = route({});
    renderApp('/register');

    await userEvent.type(screen.getByLabelText('What should the assistant call you?'), 'Sam');
    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create my account' }));

    expect(await screen.findByText('Use 10 to 128 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    // only the terms' words were read: nothing was sent
    expect(fetchMock.mock.calls.every(([input]) => input instanceof Request && input.method === 'GET')).toBe(true);
  });

  it('shows the words creating the account agrees to, in the page language', async () => {
    route({ '/api/v1/privacy/terms': () => jsonResponse({ version: '2026-12-06', text: 'I agree to this instance keeping what I tell the assistant.' }) });
    renderApp('/register');

    expect(await screen.findByText('By creating an account, you agree to this: “I agree to this instance keeping what I tell the assistant.”')).toBeInTheDocument();
  });

  it("shows the server's field errors beside their fields", async () => {
    route({
      '/api/v1/auth/register': () =>
        jsonResponse(
          { title: 'Some fields need a second look.', status: 400, errors: { Password: ['This password is too common. Try a few unrelated words.'] } },
          400,
          'application/problem+json',
        ),
    });
    renderApp('/register');

    await fillAndSubmit();

    expect(await screen.findByText('This password is too common. Try a few unrelated words.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'At least 10 characters. A few unrelated words work well. This password is too common. Try a few unrelated words.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('A few things need a second look.');
  });

  it('points to the mailbox when the address cannot sign in (taken, or to confirm first)', async () => {
    route({
      '/api/v1/auth/register': () => jsonResponse(accepted, 200),
      '/api/v1/auth/login': () =>
        jsonResponse({ title: 'Sign-in failed', detail: 'The email or password is not right.', status: 401 }, 401, 'application/problem+json'),
    });
    renderApp('/register');

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('Check your email');
  });
});
