import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { SmsAdminUsage } from '../sms/usage';
import { SmsUsageSection } from './SmsUsageSection';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const zero = { messagesIn: 0, segmentsIn: 0, messagesOut: 0, segmentsOut: 0, estimatedCost: 0 };

function report(overrides: Partial<SmsAdminUsage> = {}): SmsAdminUsage {
  return {
    from: '2026-11-06',
    to: '2026-12-06',
    currency: 'USD',
    totals: zero,
    people: [],
    numbers: [],
    countries: [],
    delivery: { outbound: 0, final: 0, delivered: 0, successRate: null },
    topErrors: [],
    months: [],
    ...overrides,
  };
}

it('shows loading, then captioned tables that say calmly when a period has nothing', async () => {
  stubApi({ 'GET /api/v1/admin/sms/usage': () => report() });
  renderWithClient(<SmsUsageSection />);

  expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  const people = await screen.findByRole('table', { name: 'Per person' });
  expect(people).toHaveTextContent('Nothing in this period.');
  expect(screen.getByRole('table', { name: 'Delivery of texts sent' })).toHaveTextContent('Not known yet');
  for (const caption of ['Totals', 'Per number', 'Per country', 'Most frequent error codes', 'Cost by month']) {
    expect(screen.getByRole('table', { name: caption })).toBeInTheDocument();
  }
});

it('shows per person, number and country, the success rate, error codes and the cost by month', async () => {
  const usage = { messagesIn: 3, segmentsIn: 3, messagesOut: 5, segmentsOut: 7, estimatedCost: 0.0791 };
  stubApi({
    'GET /api/v1/admin/sms/usage': () =>
      report({
        totals: usage,
        people: [
          { userId: 'u1', email: 'sam@example.test', usage },
          { userId: 'u2', email: null, usage: zero },
        ],
        numbers: [
          { number: '+15145550100', usage },
          { number: 'messaging-service', usage: zero },
        ],
        countries: [
          { country: 'CA', usage },
          { country: 'ZZ', usage: zero },
        ],
        delivery: { outbound: 5, final: 4, delivered: 3, successRate: 0.75 },
        topErrors: [{ errorCode: 30007, count: 1 }],
        months: [{ month: '2026-11', messagesCost: 0.0791, numbers: 1, numberRental: 1.15, total: 1.2291 }],
      }),
  });
  renderWithClient(<SmsUsageSection />);

  const people = await screen.findByRole('table', { name: 'Per person' });
  expect(within(people).getByRole('rowheader', { name: 'sam@example.test' }).closest('tr')).toHaveTextContent('sam@example.test3510$0.08');
  expect(within(people).getByRole('rowheader', { name: 'Account u2' })).toBeInTheDocument();
  expect(within(screen.getByRole('table', { name: 'Per number' })).getByRole('rowheader', { name: 'Chosen by the messaging service' })).toBeInTheDocument();
  const countries = screen.getByRole('table', { name: 'Per country' });
  expect(within(countries).getByRole('rowheader', { name: 'Canada' })).toBeInTheDocument();
  expect(within(countries).getByRole('rowheader', { name: 'Unknown' })).toBeInTheDocument();
  expect(screen.getByRole('table', { name: 'Delivery of texts sent' })).toHaveTextContent('75%');
  expect(screen.getByRole('table', { name: 'Most frequent error codes' })).toHaveTextContent('300071');
  expect(screen.getByRole('table', { name: 'Cost by month' })).toHaveTextContent('November 2026$0.081$1.15$1.23');
});

it('downloads the CSV through the API client and saves it as a file', async () => {
  const host = stubApi({
    'GET /api/v1/admin/sms/usage': ({ query }) =>
      query.get('format') === 'csv' ? new Response('section,key,metric,value,unit\n', { headers: { 'Content-Type': 'text/csv' } }) : report(),
  });
  const saved: Blob[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push(blob);
    return 'blob:usage';
  });
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    expect(this.download).toBe('sms-usage-2026-11-06-2026-12-06.csv');
    expect(this.href).toBe('blob:usage');
  });
  renderWithClient(<SmsUsageSection />);

  await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));

  await waitFor(() => {
    expect(click).toHaveBeenCalledTimes(1);
  });
  const csvCall = host.calls.find((call) => call.query.get('format') === 'csv');
  expect(csvCall?.query.get('from')).toBe('2026-11-06');
  expect(await saved[0]?.text()).toBe('section,key,metric,value,unit\n');
});

it('says when the report does not load', async () => {
  stubApi({ 'GET /api/v1/admin/sms/usage': () => problem(400, 'The range is at most 366 days.') });
  renderWithClient(<SmsUsageSection />);

  expect(await screen.findByRole('alert')).toHaveTextContent('The range is at most 366 days.');
});

it('says when the download fails, next to the button', async () => {
  stubApi({
    'GET /api/v1/admin/sms/usage': ({ query }) => (query.get('format') === 'csv' ? problem(503, 'The database is busy. Try again in a minute.') : report()),
  });
  renderWithClient(<SmsUsageSection />);

  await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));

  expect(await screen.findByText('The database is busy. Try again in a minute.')).toBeInTheDocument();
});
