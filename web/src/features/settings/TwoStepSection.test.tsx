import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { I18nProvider } from '../../i18n';
import { jsonResponse } from '../../test/render';
import { TwoStepSection } from './TwoStepSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('sets up an authenticator app and shows the recovery codes once', async () => {
  let enabled = false;
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/mfa') {
        return Promise.resolve(
          jsonResponse({ totpEnabled: enabled, smsEnabled: false, recoveryCodesRemaining: enabled ? 10 : 0, methods: [] }),
        );
      }
      if (path === '/api/v1/mfa/totp/setup') {
        return Promise.resolve(jsonResponse({ secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCodeSvg: '<svg/>' }));
      }
      enabled = true;
      return Promise.resolve(jsonResponse({ recoveryCodes: ['aaaaa-bbbbb', 'ccccc-ddddd'] }));
    }),
  );
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language="en">
        <TwoStepSection />
      </I18nProvider>
    </QueryClientProvider>,
  );

  await userEvent.click(await screen.findByRole('button', { name: 'Set up an authenticator app' }));
  expect(await screen.findByRole('img', { name: 'QR code to scan with an authenticator app' })).toBeInTheDocument();
  expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('6-digit code'), '123456');
  await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));

  expect(await screen.findByRole('list', { name: 'Recovery codes' })).toHaveTextContent('aaaaa-bbbbb');
  expect(await screen.findByText('On. 10 recovery codes left.')).toBeInTheDocument();
});
