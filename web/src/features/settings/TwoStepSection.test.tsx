import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { I18nProvider, type Language } from '../../i18n';
import { jsonResponse } from '../../test/render';
import { TwoStepSection } from './TwoStepSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

type Mfa = { totpEnabled: boolean; smsEnabled: boolean; recoveryCodesRemaining: number };
type Call = { method: string; path: string; body: unknown };

const verifiedPhone = { id: 'p1', number: '+15145550134', verified: true, primary: true, createdAt: '2026-12-01T10:00:00Z', optedOut: false };

/** A fake server for the MFA endpoints: `mfa` is the state it reports; `answer` overrides a path's reply. */
type Answers = Record<string, ((call: Call) => Response | undefined) | undefined>;

function stubServer(mfa: Mfa, { phones = [], answer = {} }: { phones?: unknown[]; answer?: Answers } = {}) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const text = request.method === 'GET' ? '' : await request.text();
      const call = { method: request.method, path, body: text ? (JSON.parse(text) as unknown) : null };
      calls.push(call);
      const override = answer[`${request.method} ${path}`]?.(call);
      if (override) {
        return override;
      }
      const methods = [...(mfa.totpEnabled ? ['totp'] : []), ...(mfa.smsEnabled ? ['sms'] : [])];
      switch (`${request.method} ${path}`) {
        case 'GET /api/v1/mfa':
          return jsonResponse({ ...mfa, methods: methods.length > 0 ? [...methods, 'recovery'] : [] });
        case 'GET /api/v1/users/me/phone-numbers':
          return jsonResponse(phones);
        case 'POST /api/v1/mfa/totp/setup':
          return jsonResponse({ secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCodeSvg: '<svg/>' });
        case 'POST /api/v1/mfa/totp/enable':
          mfa.totpEnabled = true;
          mfa.recoveryCodesRemaining = 10;
          return jsonResponse({ recoveryCodes: ['aaaaa-bbbbb', 'ccccc-ddddd'] });
        case 'POST /api/v1/mfa/sms/setup':
          return new Response(null, { status: 202 });
        case 'POST /api/v1/mfa/sms/enable':
          mfa.smsEnabled = true;
          mfa.recoveryCodesRemaining = 10;
          return jsonResponse({ recoveryCodes: ['sssss-11111', 'sssss-22222'] });
        case 'POST /api/v1/mfa/recovery-codes':
          mfa.recoveryCodesRemaining = 10;
          return jsonResponse({ recoveryCodes: ['nnnnn-00001', 'nnnnn-00002'] });
        case 'DELETE /api/v1/mfa':
          Object.assign(mfa, { totpEnabled: false, smsEnabled: false, recoveryCodesRemaining: 0 });
          return new Response(null, { status: 204 });
        default:
          return jsonResponse({ title: 'Not found' }, 404, 'application/problem+json');
      }
    }),
  );
  return calls;
}

function renderSection(language: Language = 'en') {
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language={language}>
        <TwoStepSection />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

it('sets up an authenticator app and shows the recovery codes once, with copy and download', async () => {
  stubServer({ totpEnabled: false, smsEnabled: false, recoveryCodesRemaining: 0 });
  renderSection();

  expect(await screen.findByText('Off.')).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Ways to confirm' })).toHaveTextContent('Authenticator app: off');
  await userEvent.click(screen.getByRole('button', { name: 'Set up an authenticator app' }));
  expect(await screen.findByRole('img', { name: 'QR code to scan with an authenticator app' })).toBeInTheDocument();
  expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('6-digit code'), '123456');
  await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

  expect(await screen.findByRole('list', { name: 'Recovery codes' })).toHaveTextContent('aaaaa-bbbbb');
  expect(await screen.findByText('On. 10 recovery codes left.')).toBeInTheDocument();
  expect(screen.getByText('Your authenticator app is on.')).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Ways to confirm' })).toHaveTextContent('Authenticator app: on');

  const writeText = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  await userEvent.click(screen.getByRole('button', { name: 'Copy the codes' }));
  expect(writeText).toHaveBeenCalledWith('aaaaa-bbbbb\nccccc-ddddd\n');
  expect(await screen.findByText('Copied.')).toBeInTheDocument();

  await userEvent.click(screen.getByRole('button', { name: 'I kept them' }));
  expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
});

it('says kindly that codes by text message need a confirmed number, with a link to the phone numbers', async () => {
  stubServer({ totpEnabled: false, smsEnabled: false, recoveryCodesRemaining: 0 });
  renderSection();

  expect(await screen.findByText(/Codes by text message need a confirmed phone number first/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Add one in Phone numbers' })).toHaveAttribute('href', '#phones-title');
  expect(screen.queryByRole('button', { name: 'Get codes by text message' })).not.toBeInTheDocument();
});

it('turns on codes by text message: texts a code, takes it, shows the recovery codes', async () => {
  const calls = stubServer({ totpEnabled: false, smsEnabled: false, recoveryCodesRemaining: 0 }, { phones: [verifiedPhone] });
  renderSection();

  await userEvent.click(await screen.findByRole('button', { name: 'Get codes by text message' }));
  expect(screen.getByRole('heading', { name: 'Codes by text message' })).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
  expect(await screen.findByText('We texted a code to your main number.')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('6-digit code'), ' 654321 ');
  await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

  expect(await screen.findByRole('list', { name: 'Recovery codes' })).toHaveTextContent('sssss-11111');
  expect(await screen.findByText('Codes by text message: on')).toBeInTheDocument();
  expect(calls.find((call) => call.path === '/api/v1/mfa/sms/setup')?.method).toBe('POST');
  expect(calls.find((call) => call.path === '/api/v1/mfa/sms/enable')?.body).toEqual({ code: '654321' });
});

it('shows a wrong code calmly in the form and keeps it open', async () => {
  stubServer(
    { totpEnabled: false, smsEnabled: false, recoveryCodesRemaining: 0 },
    {
      phones: [verifiedPhone],
      answer: {
        'POST /api/v1/mfa/sms/enable': () =>
          jsonResponse({ title: 'Wrong code', detail: 'That code did not match. Try the newest one.', status: 400 }, 400, 'application/problem+json'),
      },
    },
  );
  renderSection();

  await userEvent.click(await screen.findByRole('button', { name: 'Get codes by text message' }));
  await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
  expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('6-digit code'), '000000');
  await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

  const form = screen.getByRole('heading', { name: 'Codes by text message' }).closest('form') as HTMLElement;
  expect(await within(form).findByText('That code did not match. Try the newest one.')).toBeInTheDocument();
  expect(within(form).getByRole('alert')).toHaveTextContent('That code did not match. Try the newest one.');
  expect(screen.getByLabelText('6-digit code')).toBeInTheDocument();
});

it('makes new recovery codes after a code, and shows them once', async () => {
  const calls = stubServer({ totpEnabled: true, smsEnabled: true, recoveryCodesRemaining: 3 }, { phones: [verifiedPhone] });
  renderSection();

  expect(await screen.findByText('On. 3 recovery codes left.')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
  const form = screen.getByRole('heading', { name: 'New recovery codes' }).closest('form') as HTMLElement;
  // Recovery codes cannot prove anything here: only the app or a text.
  const choices = within(form).getByRole('group', { name: 'How would you like to confirm?' });
  expect(within(choices).getAllByRole('radio')).toHaveLength(2);
  await userEvent.click(within(choices).getByRole('radio', { name: 'Authenticator app' }));
  await userEvent.type(within(form).getByLabelText('6-digit code'), '111222');
  await userEvent.click(within(form).getByRole('button', { name: 'Make new codes' }));

  expect(await screen.findByRole('list', { name: 'Recovery codes' })).toHaveTextContent('nnnnn-00001');
  expect(screen.getByText('Here are your new recovery codes. The old ones no longer work.')).toBeInTheDocument();
  expect(await screen.findByText('On. 10 recovery codes left.')).toBeInTheDocument();
  expect(calls.find((call) => call.path === '/api/v1/mfa/recovery-codes')?.body).toEqual({ method: 'totp', code: '111222' });
});

it('turns two-step sign-in off with the password and a recovery code', async () => {
  const calls = stubServer({ totpEnabled: true, smsEnabled: false, recoveryCodesRemaining: 10 });
  renderSection();

  await userEvent.click(await screen.findByRole('button', { name: 'Turn off two-step sign-in' }));
  const form = screen.getByRole('heading', { name: 'Turn off two-step sign-in' }).closest('form') as HTMLElement;
  await userEvent.type(within(form).getByLabelText('Password'), 'quiet harbour ledger 83');
  await userEvent.click(within(form).getByRole('radio', { name: 'Recovery code' }));
  await userEvent.type(within(form).getByRole('textbox', { name: 'Recovery code' }), 'aaaaa-bbbbb');
  await userEvent.click(within(form).getByRole('button', { name: 'Turn it off' }));

  expect(await screen.findByText('Two-step sign-in is off. Your password alone signs you in now.')).toBeInTheDocument();
  expect(await screen.findByText('Off.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Set up an authenticator app' })).toBeInTheDocument();
  expect(calls.find((call) => call.method === 'DELETE')?.body).toEqual({
    password: 'quiet harbour ledger 83',
    method: 'recovery',
    code: 'aaaaa-bbbbb',
  });
});

it('leaves a form with Not now, changing nothing', async () => {
  const calls = stubServer({ totpEnabled: true, smsEnabled: false, recoveryCodesRemaining: 10 });
  renderSection();

  await userEvent.click(await screen.findByRole('button', { name: 'Turn off two-step sign-in' }));
  await userEvent.click(screen.getByRole('button', { name: 'Not now' }));
  expect(screen.queryByRole('heading', { name: 'Turn off two-step sign-in' })).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Make new recovery codes' })).toBeInTheDocument();
  expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
});

it('speaks French', async () => {
  stubServer({ totpEnabled: true, smsEnabled: false, recoveryCodesRemaining: 4 });
  renderSection('fr');

  expect(await screen.findByText('Activée. 4 codes de secours restants.')).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Façons de confirmer' })).toHaveTextContent("Application d'authentification : activée");
  await userEvent.click(screen.getByRole('button', { name: 'Désactiver la connexion en deux étapes' }));
  expect(screen.getByText('Ton mot de passe et un code suffisent. Tu pourras la réactiver quand tu veux.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'La désactiver' })).toBeInTheDocument();
});
