import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, type ApiCall } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';

const sam = {
  id: 'u1',
  email: 'sam@example.test',
  emailConfirmed: true,
  displayName: 'Sam',
  timeZone: 'Europe/Paris',
  locale: 'en',
  roles: ['user'],
  mfaEnabled: false,
  isActive: true,
  createdAt: '2026-11-01T10:00:00Z',
};

/** Settings for a signed-in Sam; the other sections' requests get the fake host's calm 404. */
function signedIn(patch: (call: ApiCall) => unknown = ({ body }) => ({ ...sam, ...(body as object) })) {
  return stubSignedInApi({
    'GET /api/v1/users/me': () => sam,
    'PATCH /api/v1/users/me': patch,
    'GET /api/v1/sessions': () => [],
  });
}

/** What the page asked the host to change (the session's own refresh aside). */
function changes(host: ReturnType<typeof stubSignedInApi>) {
  return host.posted().filter((call) => call.path !== '/api/v1/auth/refresh');
}

// The whole app renders here; the first page of a file can take a while on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

async function profileForm() {
  return within(await screen.findByRole('region', { name: 'Profile' }));
}

it('saves the name, time zone and language, and the app switches to French at once', async () => {
  const host = signedIn();
  renderApp('/settings', { restoreSession: true });
  const profile = await profileForm();

  expect(await profile.findByLabelText('Name')).toHaveValue('Sam');
  expect(profile.getByRole('combobox', { name: /Time zone/ })).toHaveValue('Europe/Paris');
  expect(profile.getByRole('radio', { name: 'English' })).toBeChecked();
  await userEvent.clear(profile.getByLabelText('Name'));
  await userEvent.type(profile.getByLabelText('Name'), 'Samira');
  await userEvent.selectOptions(profile.getByRole('combobox', { name: /Time zone/ }), 'America/Toronto');
  await userEvent.click(profile.getByRole('radio', { name: 'Français' }));
  await userEvent.click(profile.getByRole('button', { name: 'Save profile' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Réglages' })).toBeInTheDocument();
  expect(document.documentElement).toHaveAttribute('lang', 'fr');
  expect(await screen.findByText('Enregistré.')).toBeInTheDocument();
  expect(changes(host)).toEqual([
    expect.objectContaining({ method: 'PATCH', path: '/api/v1/users/me', body: { displayName: 'Samira', timeZone: 'America/Toronto', locale: 'fr' } }),
  ]);
});

it('asks for a name before saving', async () => {
  const host = signedIn();
  renderApp('/settings', { restoreSession: true });
  const profile = await profileForm();

  await userEvent.clear(await profile.findByLabelText('Name'));
  await userEvent.click(profile.getByRole('button', { name: 'Save profile' }));

  expect(await profile.findByText('Please fill this in.')).toBeInTheDocument();
  expect(profile.getByLabelText('Name')).toHaveAccessibleDescription('Please fill this in.');
  expect(changes(host)).toEqual([]);
});

it("shows the server's field error beside the time zone", async () => {
  signedIn(() => problem(400, 'Some fields need a second look.', { timeZone: ['This time zone is not known.'] }));
  renderApp('/settings', { restoreSession: true });
  const profile = await profileForm();

  await userEvent.click(await profile.findByRole('button', { name: 'Save profile' }));

  await waitFor(() => {
    expect(profile.getByRole('combobox', { name: /Time zone/ })).toHaveAccessibleDescription(
      'Your day, due dates and reminders follow this zone. This time zone is not known.',
    );
  });
  expect(profile.queryByText('Saved.')).not.toBeInTheDocument();
});
