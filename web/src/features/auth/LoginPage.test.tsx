import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { jsonResponse, renderApp } from '../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
});

const profile = {
  id: '0193a000-0000-7000-8000-000000000010',
  email: 'sam@example.test',
  emailConfirmed: true,
  displayName: 'Sam',
  timeZone: 'Europe/Paris',
  locale: 'en',
  roles: ['user'],
  mfaEnabled: true,
  isActive: true,
  createdAt: '2026-11-01T10:00:00Z',
};

function route(handlers: Record<string, () => Response>) {
  const fetchMock = vi.fn((input: unknown) => {
    const path = input instanceof Request ? new URL(input.url).pathname : String(input);
    const handler = handlers[path];
    return Promise.resolve(handler ? handler() : jsonResponse({ title: 'Not found', status: 404 }, 404, 'application/problem+json'));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('LoginPage', () => {
  it('shows and announces the server problem when the password is wrong', async () => {
    route({
      '/api/v1/auth/login': () =>
        jsonResponse({ title: 'Sign-in failed', detail: 'The email or password is not right.', status: 401 }, 401, 'application/problem+json'),
    });
    renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
  });

  it('asks for a second factor, then signs in and shows the name', async () => {
    route({
      '/api/v1/auth/login': () => jsonResponse({ mfaRequired: true, mfaToken: 'challenge', methods: ['totp', 'recovery'] }),
      '/api/v1/auth/login/mfa': () => jsonResponse({ mfaRequired: false, accessToken: 'token', tokenType: 'Bearer', expiresIn: 900 }),
      '/api/v1/users/me': () => jsonResponse(profile),
      '/api/v1/sessions': () => jsonResponse([]),
    });
    const { router } = renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'maple orbit lantern 47');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'One more step' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Authenticator app' })).toBeChecked();
    await userEvent.type(screen.getByLabelText('6-digit code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    // Signed in, the person lands on their day, not on Settings.
    await vi.waitFor(() => {
      expect(router.state.location.pathname).toBe('/');
    });
  });

  it('mentions a text message only when the account offers one, and recovery codes always', async () => {
    route({ '/api/v1/auth/login': () => jsonResponse({ mfaRequired: true, mfaToken: 'challenge', methods: ['totp', 'recovery'] }) });
    renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'maple orbit lantern 47');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the code from your authenticator app, or one of your recovery codes.')).toBeInTheDocument();
    expect(screen.queryByText(/text message/)).not.toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'Text message' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Text me a code' })).not.toBeInTheDocument();

    // Start over goes back to the address and password.
    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toBeInTheDocument();
  });

  it('with SMS first, says the code was texted, texts another through the challenge and takes a recovery code', async () => {
    const fetchMock = route({
      '/api/v1/auth/login': () => jsonResponse({ mfaRequired: true, mfaToken: 'challenge', methods: ['sms', 'totp', 'recovery'] }),
      '/api/v1/auth/login/mfa/sms': () => new Response(null, { status: 204 }),
      '/api/v1/auth/login/mfa': () =>
        jsonResponse({ title: 'Code refused', detail: 'That code did not work. Try the next one.', status: 400 }, 400, 'application/problem+json'),
    });
    renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'maple orbit lantern 47');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByText('Enter the code from your authenticator app or a text message, or one of your recovery codes.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Text message' })).toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('We sent a code to your phone.');

    await userEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
    const paths = () => fetchMock.mock.calls.map(([input]) => (input instanceof Request ? new URL(input.url).pathname : String(input)));
    await vi.waitFor(() => {
      expect(paths()).toContain('/api/v1/auth/login/mfa/sms');
    });
    expect(paths()).not.toContain('/api/v1/mfa/sms/setup');

    await userEvent.click(screen.getByRole('radio', { name: 'Recovery code' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Recovery code' }), 'abcd-efgh');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('That code did not work. Try the next one.')).toBeInTheDocument();
    const sent = fetchMock.mock.calls.map(([input]) => input).filter((input): input is Request => input instanceof Request && input.url.endsWith('/auth/login/mfa'));
    expect(await sent[0]?.clone().json()).toEqual({ mfaToken: 'challenge', method: 'recovery', code: 'abcd-efgh' });
  });

  it('with only recovery codes left, asks for one of them', async () => {
    route({ '/api/v1/auth/login': () => jsonResponse({ mfaRequired: true, mfaToken: 'challenge', methods: ['recovery'] }) });
    renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'maple orbit lantern 47');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter one of your recovery codes.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Recovery code' })).toBeInTheDocument();
  });

  it('says what is missing beside each field without asking the server', async () => {
    const fetchMock = route({});
    renderApp('/login');

    await userEvent.type(screen.getByLabelText('Email'), 'sam@');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('This does not look like an email address yet.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('This does not look like an email address yet.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Please fill this in.');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => input instanceof Request && input.url.endsWith('/api/v1/auth/login'))).toBe(false);
  });

  it('links to the forgotten-password page', async () => {
    route({});
    const { router } = renderApp('/login');

    await userEvent.click(screen.getByRole('link', { name: 'Forgot your password?' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/forgot-password');
  });

  it('sends a signed-out person from a protected page to sign in', async () => {
    route({});
    renderApp('/settings');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
