import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

// The whole app renders here; the first page of a file can take a while on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

it('sends the link and gives the same calm answer whatever the address', async () => {
  const host = stubApi({ 'POST /api/v1/auth/forgot-password': () => new Response(null, { status: 202 }) });
  renderApp('/forgot-password');

  await userEvent.type(screen.getByLabelText('Email'), ' sam@example.test ');
  await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

  expect(await screen.findByRole('status')).toHaveTextContent('If an account exists for sam@example.test, we sent it a link.');
  expect(screen.queryByRole('button', { name: 'Send me a link' })).not.toBeInTheDocument();
  expect(host.posted()).toEqual([expect.objectContaining({ path: '/api/v1/auth/forgot-password', body: { email: 'sam@example.test' } })]);
  expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
});

it('checks the address before sending', async () => {
  const host = stubApi({});
  renderApp('/forgot-password');

  await userEvent.type(screen.getByLabelText('Email'), 'sam.example.test');
  await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

  expect(await screen.findByText('This does not look like an email address yet.')).toBeInTheDocument();
  expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  expect(host.calls).toEqual([]);
});

it("shows the server's word when it asks to wait", async () => {
  stubApi({ 'POST /api/v1/auth/forgot-password': () => problem(429, 'Too many tries. Please wait a few minutes.') });
  renderApp('/forgot-password');

  await userEvent.type(screen.getByLabelText('Email'), 'sam@example.test');
  await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('Too many tries. Please wait a few minutes.');
  expect(screen.getByRole('button', { name: 'Send me a link' })).toBeEnabled();
});
