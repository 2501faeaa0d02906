import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { SmsNumber } from '../sms/usage';
import { SmsNumbersSection } from './SmsNumbersSection';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const number: SmsNumber = {
  id: 'n1',
  phoneNumber: '+15145550100',
  twilioSid: 'PN123',
  assignedTo: null,
  smsUrl: 'https://pa.example.test/api/v1/sms/twilio',
  statusUrl: 'https://pa.example.test/api/v1/sms/status',
  lastVerifiedAt: null,
  pointsHere: null,
  createdAt: '2026-12-01T10:00:00Z',
};

const account = { id: 'u2', email: 'alex@example.test', displayName: 'Alex', roles: ['user'] };

it('explains calmly, with no form, when Twilio is not configured', async () => {
  stubApi({ 'GET /api/v1/admin/sms/numbers': () => problem(404, 'Twilio is not configured on this instance.') });
  renderWithClient(<SmsNumbersSection />);

  expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  expect(await screen.findByText(/Twilio is not set up on this instance, so there are no numbers to manage\./)).toBeInTheDocument();
  expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  expect(screen.queryByRole('button')).not.toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

it('says when the numbers could not be loaded for another reason', async () => {
  stubApi({ 'GET /api/v1/admin/sms/numbers': () => problem(503, 'Twilio could not be reached. Nothing was changed: try again in a minute.') });
  renderWithClient(<SmsNumbersSection />);

  expect(await screen.findByRole('alert')).toHaveTextContent('Twilio could not be reached.');
});

it('searches by country and area code, and buys a number after a confirmation', async () => {
  let numbers: SmsNumber[] = [];
  const host = stubApi({
    'GET /api/v1/admin/sms/numbers/available': () => [
      { phoneNumber: '+15145550100', friendlyName: '(514) 555-0100', locality: 'Montréal', region: 'QC', country: 'CA' },
    ],
    'GET /api/v1/admin/sms/numbers': () => numbers,
    'POST /api/v1/admin/sms/numbers': () => {
      numbers = [number];
      return number;
    },
  });
  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
  renderWithClient(<SmsNumbersSection />);

  expect(await screen.findByText('This instance has no numbers yet.')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('Country (two letters)'), 'C1');
  await userEvent.click(screen.getByRole('button', { name: 'Search' }));
  expect(screen.getByLabelText('Country (two letters)')).toHaveAccessibleDescription(/Enter two letters, for example US\./);

  await userEvent.clear(screen.getByLabelText('Country (two letters)'));
  await userEvent.type(screen.getByLabelText('Country (two letters)'), 'ca');
  await userEvent.type(screen.getByLabelText('Area code (optional)'), '514');
  await userEvent.click(screen.getByRole('button', { name: 'Search' }));
  const offers = await screen.findByRole('list', { name: 'Numbers Twilio offers' });
  expect(offers).toHaveTextContent('(514) 555-0100 Montréal, QC');
  const search = host.calls.find((call) => call.path === '/api/v1/admin/sms/numbers/available');
  expect(search?.query.get('country')).toBe('CA');
  expect(search?.query.get('areaCode')).toBe('514');

  await userEvent.click(within(offers).getByRole('button', { name: 'Buy +15145550100' }));
  expect(confirm).toHaveBeenCalledWith('Buy +15145550100? Twilio charges its monthly rental to the account.');
  expect(await screen.findByText('Bought +15145550100.')).toBeInTheDocument();
  expect(host.posted().map((call) => call.body)).toEqual([{ phoneNumber: '+15145550100', assignTo: null }]);
  expect(await screen.findByRole('list', { name: "The instance's numbers" })).toHaveTextContent('Not given to anyone');
});

it('gives a number to a person by email, checks it with Twilio, and releases it after a confirmation', async () => {
  let current: SmsNumber = number;
  const host = stubApi({
    'GET /api/v1/admin/users': ({ query }) => ({ items: query.get('search') === 'alex@example.test' ? [account] : [], page: 1, pageSize: 20, total: 1 }),
    'GET /api/v1/admin/users/:id': () => account,
    'GET /api/v1/admin/sms/numbers': () => (current.id ? [current] : []),
    'PUT /api/v1/admin/sms/numbers/:id/assignment': ({ body }) => {
      current = { ...current, assignedTo: (body as { assignTo: string | null }).assignTo };
      return current;
    },
    'POST /api/v1/admin/sms/numbers/:id/verify': () => {
      current = { ...current, lastVerifiedAt: '2026-12-06T09:30:00Z', pointsHere: true };
      return current;
    },
    'DELETE /api/v1/admin/sms/numbers/:id': () => {
      current = { ...current, id: '' };
      return undefined;
    },
  });
  const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
  renderWithClient(<SmsNumbersSection />);

  const list = await screen.findByRole('list', { name: "The instance's numbers" });
  expect(list).toHaveTextContent('Not checked with Twilio yet.');
  await userEvent.type(within(list).getByLabelText('Give to (email address)'), 'nobody@example.test');
  await userEvent.click(within(list).getByRole('button', { name: 'Give' }));
  expect(await within(list).findByText('No account has this email address.')).toBeInTheDocument();

  await userEvent.clear(within(list).getByLabelText('Give to (email address)'));
  await userEvent.type(within(list).getByLabelText('Give to (email address)'), 'alex@example.test');
  await userEvent.click(within(list).getByRole('button', { name: 'Give' }));
  expect(await screen.findByText('Done: +15145550100 is given to alex@example.test.')).toBeInTheDocument();
  expect(await within(list).findByText('Given to alex@example.test')).toBeInTheDocument();
  expect(host.posted()[0]?.body).toEqual({ assignTo: 'u2' });

  await userEvent.click(within(list).getByRole('button', { name: 'Check with Twilio +15145550100' }));
  expect(await within(list).findByText(/Twilio sends its texts here\./)).toBeInTheDocument();

  await userEvent.click(within(list).getByRole('button', { name: 'Release +15145550100' }));
  expect(host.posted().filter((call) => call.method === 'DELETE')).toEqual([]);
  await userEvent.click(within(list).getByRole('button', { name: 'Release +15145550100' }));
  expect(confirm).toHaveBeenLastCalledWith(
    'Release +15145550100? Texts to it will no longer reach this instance, and Twilio may give it to someone else.',
  );
  expect(await screen.findByText('Released +15145550100.')).toBeInTheDocument();
  expect(await screen.findByText('This instance has no numbers yet.')).toBeInTheDocument();
});

it('says beside the field that an address without an @ is no one, and puts the server word about the person there too', async () => {
  const host = stubApi({
    'GET /api/v1/admin/users': () => ({ items: [account], page: 1, pageSize: 20, total: 1 }),
    'GET /api/v1/admin/sms/numbers': () => [number],
    'PUT /api/v1/admin/sms/numbers/:id/assignment': () =>
      problem(400, 'One or more fields are not valid.', { assignTo: ['This account is turned off.'] }),
  });
  renderWithClient(<SmsNumbersSection />);

  const list = await screen.findByRole('list', { name: "The instance's numbers" });
  await userEvent.type(within(list).getByLabelText('Give to (email address)'), 'alex');
  await userEvent.click(within(list).getByRole('button', { name: 'Give' }));
  expect(await within(list).findByText('No account has this email address.')).toBeInTheDocument();
  expect(within(list).getByLabelText('Give to (email address)')).toHaveAccessibleDescription('No account has this email address.');
  expect(host.calls.filter((call) => call.path === '/api/v1/admin/users')).toEqual([]);

  await userEvent.clear(within(list).getByLabelText('Give to (email address)'));
  await userEvent.type(within(list).getByLabelText('Give to (email address)'), 'alex@example.test');
  await userEvent.click(within(list).getByRole('button', { name: 'Give' }));
  expect(await within(list).findByText('This account is turned off.')).toBeInTheDocument();
  expect(within(list).getByLabelText('Give to (email address)')).toHaveAccessibleDescription('This account is turned off.');
  expect(within(list).getByLabelText('Give to (email address)')).toHaveFocus();
  expect(screen.queryByRole('alert')).toBeEmptyDOMElement();
});

it('shows Twilio refusing a change as a calm alert', async () => {
  stubApi({
    'GET /api/v1/admin/users/:id': () => account,
    'GET /api/v1/admin/sms/numbers': () => [{ ...number, assignedTo: 'u2' }],
    'PUT /api/v1/admin/sms/numbers/:id/assignment': () => problem(409, 'This number belongs to someone else. Take it back first, then give it again.'),
  });
  renderWithClient(<SmsNumbersSection />);

  await userEvent.click(await screen.findByRole('button', { name: 'Take back +15145550100' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('This number belongs to someone else.');
});

it('explains in French too that Twilio is not set up', async () => {
  stubApi({ 'GET /api/v1/admin/sms/numbers': () => problem(404, "Twilio n'est pas configuré sur cette instance.") });
  renderWithClient(<SmsNumbersSection />, 'fr');

  expect(await screen.findByRole('heading', { level: 2, name: 'Numéros' })).toBeInTheDocument();
  expect(await screen.findByText(/Twilio n'est pas configuré sur cette instance : il n'y a donc aucun numéro à gérer\./)).toBeInTheDocument();
});
