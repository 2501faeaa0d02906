import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { stubSignedInApi } from '../../test/signedIn';
import { endSignedInSession, jsonResponse, renderApp } from '../../test/render';

const phone = { id: 'p1', number: '+15145550134', verified: true, primary: true, createdAt: '2026-11-25T10:00:00Z', optedOut: false };

/** Sam signed in on a fake host (`stubSignedInApi`), with the texts the simulator was asked to send. */
function signedIn(routes: Parameters<typeof stubSignedInApi>[0], roles = ['user']) {
  const host = stubSignedInApi(routes, roles);
  return { ...host, texts: () => host.posted().filter((call) => call.path === '/api/v1/sms/simulator/messages').map((call) => call.body) };
}

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

it('invites someone without a confirmed number to add one in Settings', async () => {
  signedIn({ 'GET /api/v1/users/me/phone-numbers': () => [{ ...phone, verified: false, primary: false }] });
  renderApp('/simulator', { restoreSession: true });

  expect(await screen.findByText(/first add and confirm a phone number/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Add a number in Settings' })).toHaveAttribute('href', '/settings');
  expect(screen.queryByRole('textbox', { name: 'Your text' })).not.toBeInTheDocument();
});

it('says texts go through the real provider, with no form, when the simulator is off', async () => {
  signedIn({
    'GET /api/v1/users/me/phone-numbers': () => [phone],
    'GET /api/v1/sms/simulator/messages': () => problem(404, 'The SMS simulator is only open while Twilio is not configured.'),
  });
  renderApp('/simulator', { restoreSession: true });

  expect(await screen.findByText('Text messages go through the real SMS provider on this instance.')).toBeInTheDocument();
  expect(screen.queryByRole('textbox', { name: 'Your text' })).not.toBeInTheDocument();
});

it('turns off when sending answers 404', async () => {
  signedIn({
    'GET /api/v1/users/me/phone-numbers': () => [phone],
    'GET /api/v1/sms/simulator/messages': () => [],
    'POST /api/v1/sms/simulator/messages': () => problem(404, 'The SMS simulator is only open while Twilio is not configured.'),
  });
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  await user.type(await screen.findByRole('textbox', { name: 'Your text' }), 'hello{Enter}');

  expect(await screen.findByText('Text messages go through the real SMS provider on this instance.')).toBeInTheDocument();
  expect(screen.queryByRole('textbox', { name: 'Your text' })).not.toBeInTheDocument();
});

it('sends with Enter from the chosen number, waits for the reply and shows the thread', async () => {
  const thread: { direction: string; text: string; at: string }[] = [];
  let polls = 0;
  const host = signedIn({
    'GET /api/v1/users/me/phone-numbers': () => [{ ...phone, primary: false }, { ...phone, id: 'p2', number: '+33612345678', primary: true }],
    'GET /api/v1/sms/simulator/messages': ({ query }) => {
      expect(query.get('number')).toBe('+33612345678');
      // The reply is written by a background job: it shows up on a later poll.
      if (thread.length === 1 && ++polls === 2) {
        thread.push({ direction: 'outbound', text: 'Got it: call mom, today at 2:00 PM.', at: '2026-12-06T12:00:05Z' });
      }
      return [...thread];
    },
    'POST /api/v1/sms/simulator/messages': ({ body }) => {
      thread.push({ direction: 'inbound', text: (body as { text: string }).text, at: '2026-12-06T12:00:00Z' });
      return jsonResponse({ id: 'm1' }, 202);
    },
  });
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  expect(await screen.findByRole('combobox', { name: 'Text from' })).toHaveValue('+33612345678');
  expect(await screen.findByText('No texts yet. Say hello, or try HELP.')).toBeInTheDocument();
  expect(screen.getByText('Try HELP, STOP, START, or anything you would ask the assistant.')).toBeInTheDocument();
  const box = screen.getByRole('textbox', { name: 'Your text' });
  await user.type(box, 'remind me at 2 pm{Shift>}{Enter}{/Shift}to call mom');
  expect(box).toHaveValue('remind me at 2 pm\nto call mom');
  expect(screen.getByText('1 text')).toBeInTheDocument();
  await user.keyboard('{Enter}');

  expect(host.texts()).toEqual([{ from: '+33612345678', text: 'remind me at 2 pm\nto call mom' }]);
  expect(await screen.findByText('Waiting for the reply…')).toBeInTheDocument();
  expect(box).toHaveValue('');
  expect(box).toHaveFocus();
  const messages = await screen.findByRole('list', { name: '+33612345678' });
  expect(within(messages).getByText(/remind me at 2 pm/)).toBeInTheDocument();

  const phoneLoads = () => host.calls.filter((call) => call.method === 'GET' && call.path === '/api/v1/users/me/phone-numbers').length;
  const loadsBeforeReply = phoneLoads();
  expect(await screen.findByText('The assistant replied.', {}, { timeout: 5000 })).toBeInTheDocument();
  expect(within(messages).getByText('Got it: call mom, today at 2:00 PM.')).toBeInTheDocument();
  // A reply may follow STOP or START: the numbers (and their paused state) are read again.
  await waitFor(() => {
    expect(phoneLoads()).toBeGreaterThan(loadsBeforeReply);
  });
  // Times are read in Sam's zone (Paris), not the machine's.
  expect(within(messages).getAllByText(/1:00 PM/)).toHaveLength(2);
});

it('counts the texts a long message takes', async () => {
  signedIn({ 'GET /api/v1/users/me/phone-numbers': () => [phone], 'GET /api/v1/sms/simulator/messages': () => [] });
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  await user.click(await screen.findByRole('textbox', { name: 'Your text' }));
  await user.paste('a'.repeat(161));

  expect(screen.getByText('2 texts')).toBeInTheDocument();
});

it('lets an administrator text as any number', async () => {
  const host = signedIn(
    {
      'GET /api/v1/users/me/phone-numbers': () => [],
      'GET /api/v1/sms/simulator/messages': () => [],
      'POST /api/v1/sms/simulator/messages': () => jsonResponse({ id: 'm1' }, 202),
    },
    ['user', 'administrator'],
  );
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  expect(await screen.findByRole('combobox', { name: 'Text from' })).toHaveValue('other');
  await user.type(screen.getByRole('textbox', { name: 'Number' }), '+1 514 555 0199');
  expect(await screen.findByRole('heading', { name: '+15145550199' })).toBeInTheDocument();
  await user.type(screen.getByRole('textbox', { name: 'Your text' }), 'HELP{Enter}');

  await waitFor(() => {
    expect(host.texts()).toEqual([{ from: '+15145550199', text: 'HELP' }]);
  });
});

it('is in French too', async () => {
  // The app speaks the profile's language once signed in.
  signedIn({
    'GET /api/v1/users/me/phone-numbers': () => [],
    'GET /api/v1/users/me': () => ({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'fr', roles: ['user'] }),
  });
  renderApp('/simulator', { restoreSession: true, language: 'fr' });

  expect(await screen.findByRole('heading', { level: 1, name: 'Simulateur SMS' })).toBeInTheDocument();
  expect(await screen.findByRole('link', { name: 'Ajouter un numéro dans les paramètres' })).toBeInTheDocument();
});

it('says beside the text when it is longer than a text message can be, without sending it', async () => {
  const host = signedIn({ 'GET /api/v1/users/me/phone-numbers': () => [phone], 'GET /api/v1/sms/simulator/messages': () => [] });
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  const box = await screen.findByRole('textbox', { name: 'Your text' });
  await user.click(box);
  await user.paste('a'.repeat(1601));
  await user.click(screen.getByRole('button', { name: 'Send' }));

  expect(await screen.findByText('A little long: 1600 characters at most.')).toBeInTheDocument();
  expect(box).toHaveAttribute('aria-invalid', 'true');
  expect(box).toHaveAccessibleDescription(/A little long: 1600 characters at most\./);
  expect(host.texts()).toEqual([]);
});

it('puts what the server says about the text beside it', async () => {
  signedIn({
    'GET /api/v1/users/me/phone-numbers': () => [phone],
    'GET /api/v1/sms/simulator/messages': () => [],
    'POST /api/v1/sms/simulator/messages': () => problem(400, 'One or more validation errors occurred.', { Text: ['The text is too long.'] }),
  });
  const user = userEvent.setup();
  renderApp('/simulator', { restoreSession: true });

  const box = await screen.findByRole('textbox', { name: 'Your text' });
  await user.type(box, 'hello{Enter}');

  expect(await screen.findByText('The text is too long.')).toBeInTheDocument();
  expect(box).toHaveAccessibleDescription(/The text is too long\./);
  expect(box).toHaveFocus();
  expect(box).toHaveValue('hello');
  expect(screen.getByRole('alert')).toHaveTextContent('');
});
