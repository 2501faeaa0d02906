import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

// The whole app renders here; the first page of a file can take a while on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const link = '/reset-password?email=sam%40example.test&token=t0k%2Ben';

async function choose(password: string, again = password) {
  await userEvent.type(screen.getByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('New password again'), again);
  await userEvent.click(screen.getByRole('button', { name: 'Save my new password' }));
}

it('saves the new password with the link and leads to sign in', async () => {
  const host = stubApi({ 'POST /api/v1/auth/reset-password': () => undefined });
  renderApp(link);

  await choose('harbor velvet compass 93');

  expect(await screen.findByRole('status')).toHaveTextContent('Your new password is saved. You can sign in with it now.');
  expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  expect(host.posted()).toEqual([
    expect.objectContaining({
      path: '/api/v1/auth/reset-password',
      body: { email: 'sam@example.test', token: 't0k+en', newPassword: 'harbor velvet compass 93' },
    }),
  ]);
});

it('checks the confirmation and the length before sending', async () => {
  const host = stubApi({});
  renderApp(link);

  await choose('short', 'shirt');

  expect(await screen.findByText('Use 10 to 128 characters.')).toBeInTheDocument();
  expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two passwords are not the same yet.');
  expect(host.calls).toEqual([]);
});

it("shows the server's password rules beside the field", async () => {
  stubApi({
    'POST /api/v1/auth/reset-password': () =>
      problem(400, 'Some fields need a second look.', { newPassword: ['This password is too common. Try a few unrelated words.'] }),
  });
  renderApp(link);

  await choose('password1234');

  expect(await screen.findByText('This password is too common. Try a few unrelated words.')).toBeInTheDocument();
  expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  expect(screen.queryByRole('link', { name: 'Ask for a new link' })).not.toBeInTheDocument();
});

it('offers a new link when this one was used or is too old', async () => {
  stubApi({ 'POST /api/v1/auth/reset-password': () => problem(400, 'This reset link is no longer valid.') });
  renderApp(link);

  await choose('harbor velvet compass 93');

  expect(await screen.findByRole('alert')).toHaveTextContent('This reset link is no longer valid.');
  expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
});

it('explains where the page comes from when opened without a link', async () => {
  stubApi({});
  renderApp('/reset-password');

  expect(await screen.findByText('This page opens from the link in the password email.')).toBeInTheDocument();
  expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
});
