import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { I18nProvider } from '../../i18n';
import { jsonResponse } from '../../test/render';
import { PhoneNumbersSection } from './PhoneNumbersSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('adds a number, confirms it with the texted code, and names field errors', async () => {
  const phone = { id: 'p1', number: '+15145550134', verified: false, primary: false, createdAt: '2026-11-25T10:00:00Z' };
  let phones: (typeof phone)[] = [];
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET') {
        return jsonResponse(phones);
      }
      const body: unknown = await request.json();
      bodies.push(body);
      if (path.endsWith('/verify')) {
        phones = [{ ...phone, verified: true, primary: true }];
        return jsonResponse(phones[0]);
      }
      if ((body as { number: string }).number === '123') {
        return jsonResponse(
          { title: 'One or more validation errors occurred.', status: 400, errors: { number: ['This does not look like a valid phone number.'] } },
          400,
          'application/problem+json',
        );
      }
      phones = [phone];
      return jsonResponse(phone, 201);
    }),
  );
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language="en">
        <MemoryRouter>
          <PhoneNumbersSection />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );

  await userEvent.type(screen.getByLabelText('Add a number'), '123');
  await userEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
  expect(await screen.findByText('This does not look like a valid phone number.')).toBeInTheDocument();

  await userEvent.clear(screen.getByLabelText('Add a number'));
  await userEvent.type(screen.getByLabelText('Add a number'), '+1 514 555 0134');
  await userEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
  expect(await screen.findByText('Waiting for the code')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('Code from the text message'), '123456');
  await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

  expect(await screen.findByText('Main number')).toBeInTheDocument();
  expect(bodies).toContainEqual({ code: '123456' });
  expect(screen.getByRole('link', { name: 'Try it in the simulator' })).toHaveAttribute('href', '/simulator');
});

it.each([
  ['en', 'Texts paused: this number replied STOP. Text START to resume.'],
  ['fr', 'SMS en pause : ce numéro a répondu STOP. Envoie START pour les reprendre.'],
] as const)('says calmly (%s) that texts to a number that replied STOP are paused', async (language, sentence) => {
  const phones = [
    { id: 'p1', number: '+15145550134', verified: true, primary: true, createdAt: '2026-11-25T10:00:00Z', optedOut: true },
    { id: 'p2', number: '+15145550135', verified: true, primary: false, createdAt: '2026-11-25T10:00:00Z', optedOut: false },
  ];
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(jsonResponse(phones))));
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language={language}>
        <MemoryRouter>
          <PhoneNumbersSection />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );

  const paused = await screen.findByText(sentence);
  expect(paused).toHaveAttribute('role', 'status');
  expect(paused.closest('li')).toHaveTextContent('+15145550134');
  expect(screen.getAllByText(sentence)).toHaveLength(1);
});

it('says what is missing beside the field without asking the server, and puts the server word about the code beside it', async () => {
  const phone = { id: 'p1', number: '+15145550134', verified: false, primary: false, createdAt: '2026-11-25T10:00:00Z' };
  const sent: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      if (request.method === 'GET') {
        return Promise.resolve(jsonResponse([phone]));
      }
      sent.push(new URL(request.url).pathname);
      return Promise.resolve(
        jsonResponse(
          { title: 'One or more validation errors occurred.', status: 400, errors: { code: ['That code is not the one we sent.'] } },
          400,
          'application/problem+json',
        ),
      );
    }),
  );
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language="en">
        <MemoryRouter>
          <PhoneNumbersSection />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );

  await userEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
  expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
  expect(screen.getByLabelText('Add a number')).toHaveAccessibleDescription(expect.stringContaining('Please fill this in.'));
  expect(screen.getByLabelText('Add a number')).toHaveFocus();

  await userEvent.click(await screen.findByRole('button', { name: 'Confirm' }));
  await waitFor(() => {
    expect(screen.getByLabelText('Code from the text message')).toHaveAccessibleDescription('Please fill this in.');
  });
  expect(sent).toEqual([]);

  await userEvent.type(screen.getByLabelText('Code from the text message'), '000000');
  await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  await waitFor(() => {
    expect(screen.getByLabelText('Code from the text message')).toHaveAccessibleDescription('That code is not the one we sent.');
  });
  expect(sent).toEqual(['/api/v1/users/me/phone-numbers/p1/verify']);
});
