import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { SmsAllowance } from '../sms/usage';
import { parseSegments, SmsAllowancesSection } from './SmsAllowancesSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

const configured: SmsAllowance[] = [
  { role: 'user', daily: 20, monthly: 300, source: 'configuration' },
  { role: 'premium', daily: 60, monthly: 1000, source: 'override' },
  { role: 'administrator', daily: null, monthly: null, source: 'unlimited' },
];

function form(name: string) {
  return screen.getByRole('form', { name });
}

it('accepts only whole numbers from 0 to 100,000', () => {
  expect(parseSegments(' 25 ')).toBe(25);
  expect(parseSegments('0')).toBe(0);
  expect(parseSegments('100000')).toBe(100000);
  expect(parseSegments('100001')).toBeNull();
  expect(parseSegments('-1')).toBeNull();
  expect(parseSegments('2.5')).toBeNull();
  expect(parseSegments('')).toBeNull();
});

it('shows each role’s allowance, and says a field is wrong next to it without saving', async () => {
  const host = stubApi({ 'GET /api/v1/admin/sms/allowances': () => configured });
  renderWithClient(<SmsAllowancesSection />);

  expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  const user = await screen.findByRole('form', { name: 'Everyone (user role)' });
  expect(within(user).getByLabelText('Segments a day')).toHaveValue('20');
  expect(within(user).getByText("Now: the instance's default.")).toBeInTheDocument();
  expect(within(form('Premium role')).getByText('Now: set here by an administrator.')).toBeInTheDocument();

  await userEvent.clear(within(user).getByLabelText('Segments a day'));
  await userEvent.type(within(user).getByLabelText('Segments a day'), 'ten');
  await userEvent.click(within(user).getByRole('button', { name: 'Save' }));

  expect(within(user).getByLabelText('Segments a day')).toHaveAccessibleDescription(/Enter a whole number from 0 to 100,000\./);
  expect(within(user).getByLabelText('Segments a day')).toBeInvalid();
  expect(host.posted()).toEqual([]);
});

it('saves one role and keeps the other role’s values set by an administrator', async () => {
  const host = stubApi({
    'GET /api/v1/admin/sms/allowances': () => configured,
    'PUT /api/v1/admin/sms/allowances': () => [{ role: 'user', daily: 25, monthly: 400, source: 'override' }, configured[1], configured[2]],
  });
  renderWithClient(<SmsAllowancesSection />);

  const user = await screen.findByRole('form', { name: 'Everyone (user role)' });
  await userEvent.clear(within(user).getByLabelText('Segments a day'));
  await userEvent.type(within(user).getByLabelText('Segments a day'), '25');
  await userEvent.clear(within(user).getByLabelText('Segments a month'));
  await userEvent.type(within(user).getByLabelText('Segments a month'), '400');
  await userEvent.click(within(user).getByRole('button', { name: 'Save' }));

  expect(await within(user).findByText('Saved.')).toBeInTheDocument();
  expect(within(user).getByText('Now: set here by an administrator.')).toBeInTheDocument();
  expect(host.posted().map((call) => call.body)).toEqual([{ userDaily: 25, userMonthly: 400, premiumDaily: 60, premiumMonthly: 1000 }]);
});

it('sends a role back to the instance’s default, and shows the server’s field errors next to the field', async () => {
  const host = stubApi({
    'GET /api/v1/admin/sms/allowances': () => configured,
    'PUT /api/v1/admin/sms/allowances': ({ body }) =>
      (body as { userDaily: number | null }).userDaily === 7
        ? problem(400, 'One or more fields are not valid.', { UserMonthly: ['Give both the daily and the monthly allowance, or neither.'] })
        : [configured[0], { role: 'premium', daily: 50, monthly: 900, source: 'configuration' }, configured[2]],
  });
  renderWithClient(<SmsAllowancesSection />);

  const premium = await screen.findByRole('form', { name: 'Premium role' });
  await userEvent.click(within(premium).getByRole('button', { name: "Go back to the instance's default" }));
  expect(await within(premium).findByText('Saved.')).toBeInTheDocument();
  expect(within(premium).getByLabelText('Segments a day')).toHaveValue('50');
  expect(host.posted()[0]?.body).toEqual({ userDaily: null, userMonthly: null, premiumDaily: null, premiumMonthly: null });

  const user = form('Everyone (user role)');
  await userEvent.clear(within(user).getByLabelText('Segments a day'));
  await userEvent.type(within(user).getByLabelText('Segments a day'), '7');
  await userEvent.click(within(user).getByRole('button', { name: 'Save' }));
  expect(await within(user).findByText('Give both the daily and the monthly allowance, or neither.')).toBeInTheDocument();
  expect(within(user).getByLabelText('Segments a month')).toBeInvalid();
  expect(within(user).queryByText('Saved.')).not.toBeInTheDocument();
});

it('says the allowances did not load', async () => {
  stubApi({ 'GET /api/v1/admin/sms/allowances': () => problem(403, 'You do not have the permission for this.') });
  renderWithClient(<SmsAllowancesSection />);

  expect(await screen.findByRole('alert')).toHaveTextContent('You do not have the permission for this.');
});
