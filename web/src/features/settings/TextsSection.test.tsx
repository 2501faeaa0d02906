import { screen, within } from '@testing-library/react';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { SmsUsage, SmsUsageDay } from '../sms/usage';
import { TextsSection } from './TextsSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

const zero = { messagesIn: 0, segmentsIn: 0, messagesOut: 0, segmentsOut: 0, estimatedCost: 0 };

function day(date: string, counts: Partial<SmsUsageDay> = {}): SmsUsageDay {
  return { date, ...zero, ...counts };
}

function usage(overrides: Partial<SmsUsage> = {}): SmsUsage {
  return {
    from: '2026-12-01',
    to: '2026-12-06',
    currency: 'USD',
    days: [day('2026-12-01'), day('2026-12-02'), day('2026-12-03'), day('2026-12-04'), day('2026-12-05'), day('2026-12-06')],
    totals: zero,
    allowance: { unlimited: false, daily: 20, usedToday: 0, leftToday: 20, monthly: 300, usedThisMonth: 0, leftThisMonth: 300 },
    ...overrides,
  };
}

it('says kindly that there are no texts yet this month, with the allowance untouched', async () => {
  const host = stubApi({ 'GET /api/v1/sms/usage': () => usage() });
  renderWithClient(<TextsSection />);

  expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  expect(await screen.findByText('No texts yet this month.')).toBeInTheDocument();
  expect(screen.getByText('Today: 0 of 20 segments used.')).toBeInTheDocument();
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  // This month, from its first day.
  expect(host.calls[0]?.query.get('from')).toMatch(/^\d{4}-\d{2}-01$/);
});

it('shows texts in and out, the allowance used as a sentence and a progress bar, and the latest days with texts', async () => {
  stubApi({
    'GET /api/v1/sms/usage': () =>
      usage({
        days: [day('2026-12-01', { messagesIn: 2, segmentsIn: 2, messagesOut: 3, segmentsOut: 4 }), day('2026-12-02'), day('2026-12-03', { messagesIn: 1, segmentsIn: 1, messagesOut: 1, segmentsOut: 2 })],
        totals: { messagesIn: 3, segmentsIn: 3, messagesOut: 4, segmentsOut: 6, estimatedCost: 0.08 },
        allowance: { unlimited: false, daily: 20, usedToday: 2, leftToday: 18, monthly: 300, usedThisMonth: 6, leftThisMonth: 294 },
      }),
  });
  renderWithClient(<TextsSection />);

  const today = await screen.findByRole('progressbar', { name: 'Today: 2 of 20 segments used.' });
  expect(today).toHaveAttribute('value', '2');
  expect(today).toHaveAttribute('max', '20');
  expect(screen.getByRole('progressbar', { name: 'This month: 6 of 300 segments used.' })).toBeInTheDocument();
  expect(screen.getByText('Texts you sent', { selector: 'dt' }).nextElementSibling).toHaveTextContent('3');
  expect(screen.getByText('Texts from the assistant', { selector: 'dt' }).nextElementSibling).toHaveTextContent('4');
  // No money for an ordinary person.
  expect(screen.queryByText(/\$/)).not.toBeInTheDocument();

  const table = screen.getByRole('table', { name: 'Recent days with texts' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(3);
  expect(rows[1]).toHaveTextContent('Thu, Dec 3');
  expect(rows[2]).toHaveTextContent('Tue, Dec 1');
});

it('says calmly when the day’s allowance is used up, and that administrators have no limit', async () => {
  stubApi({
    'GET /api/v1/sms/usage': () =>
      usage({
        totals: { ...zero, messagesOut: 20, segmentsOut: 20 },
        allowance: { unlimited: false, daily: 20, usedToday: 20, leftToday: 0, monthly: 300, usedThisMonth: 20, leftThisMonth: 280 },
      }),
  });
  const { unmount } = renderWithClient(<TextsSection />);
  expect(await screen.findByText("Today's allowance is all used. It starts again tomorrow.")).toBeInTheDocument();
  unmount();

  stubApi({ 'GET /api/v1/sms/usage': () => usage({ allowance: { unlimited: true, daily: null, usedToday: 0, leftToday: null, monthly: null, usedThisMonth: 0, leftThisMonth: null } }) });
  renderWithClient(<TextsSection />, 'fr');
  expect(await screen.findByText("Tes SMS n'ont pas de limite.")).toBeInTheDocument();
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
});

it('says the texts did not load', async () => {
  stubApi({ 'GET /api/v1/sms/usage': () => problem(500, 'Something went wrong on our side.') });
  renderWithClient(<TextsSection />);

  expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
});
