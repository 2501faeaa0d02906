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

const preferences = {
  quietHoursStart: '22:00',
  quietHoursEnd: '07:00',
  dailyNudgeCap: 3,
  preferredChannels: ['web'],
  replyStyle: 'brief',
  morningBriefingTime: null,
  eveningReviewTime: null,
  defaultCurrency: 'EUR',
  missesBeforeBreakdown: 3,
};

/** Settings for a signed-in Sam; `put` answers the save. The other sections' requests get the fake host's calm 404. */
function signedIn(put: (call: ApiCall) => unknown = ({ body }) => body) {
  return stubSignedInApi({
    'GET /api/v1/users/me': () => sam,
    'GET /api/v1/users/me/preferences': () => preferences,
    'PUT /api/v1/users/me/preferences': put,
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

async function preferencesForm() {
  const section = within(await screen.findByRole('region', { name: 'When and how to reach you' }));
  await section.findByLabelText('Default currency');
  return section;
}

it('saves the nudges, the currency (in capitals) and the reply style', async () => {
  const host = signedIn();
  renderApp('/settings', { restoreSession: true });
  const form = await preferencesForm();

  await userEvent.clear(form.getByLabelText('At most this many nudges a day'));
  await userEvent.type(form.getByLabelText('At most this many nudges a day'), '5');
  await userEvent.clear(form.getByLabelText('Default currency'));
  await userEvent.type(form.getByLabelText('Default currency'), 'cad');
  await userEvent.click(form.getByRole('radio', { name: 'Detailed' }));
  await userEvent.click(form.getByRole('button', { name: 'Save preferences' }));

  expect(await form.findByText('Saved.')).toBeInTheDocument();
  expect(form.getByLabelText('Default currency')).toHaveValue('CAD');
  expect(changes(host)).toEqual([
    expect.objectContaining({
      method: 'PUT',
      path: '/api/v1/users/me/preferences',
      body: { ...preferences, dailyNudgeCap: 5, defaultCurrency: 'CAD', replyStyle: 'detailed' },
    }),
  ]);
});

it('says what needs a second look beside each field without asking the server', async () => {
  const host = signedIn();
  renderApp('/settings', { restoreSession: true });
  const form = await preferencesForm();

  await userEvent.clear(form.getByLabelText('Quiet hours end'));
  await userEvent.clear(form.getByLabelText('At most this many nudges a day'));
  await userEvent.type(form.getByLabelText('At most this many nudges a day'), '60');
  await userEvent.clear(form.getByLabelText('Default currency'));
  await userEvent.type(form.getByLabelText('Default currency'), 'E');
  await userEvent.click(form.getByRole('button', { name: 'Save preferences' }));

  await waitFor(() => {
    expect(form.getByLabelText('Quiet hours end')).toHaveAccessibleDescription('Give both ends of the quiet hours, or neither.');
  });
  expect(form.getByLabelText('At most this many nudges a day')).toHaveAccessibleDescription('A whole number from 0 to 50.');
  expect(form.getByLabelText('Default currency')).toHaveAccessibleDescription('Use a three-letter currency code such as USD, EUR or CAD.');
  expect(changes(host)).toEqual([]);
});

it("shows the server's field error beside the currency", async () => {
  signedIn(() => problem(400, 'Some fields need a second look.', { defaultCurrency: ['Use an ISO 4217 currency code such as USD, EUR or CAD.'] }));
  renderApp('/settings', { restoreSession: true });
  const form = await preferencesForm();

  await userEvent.clear(form.getByLabelText('Default currency'));
  await userEvent.type(form.getByLabelText('Default currency'), 'XYZ');
  await userEvent.click(form.getByRole('button', { name: 'Save preferences' }));

  await waitFor(() => {
    expect(form.getByLabelText('Default currency')).toHaveAccessibleDescription('Use an ISO 4217 currency code such as USD, EUR or CAD.');
  });
  expect(form.getByLabelText('Default currency')).toHaveFocus();
  expect(form.queryByText('Saved.')).not.toBeInTheDocument();
});
