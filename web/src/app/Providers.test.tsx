import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { acceptTokens } from '../features/auth/session';
import { jsonResponse } from '../test/render';
import { browserTimeZone, useTimeZone } from '../ui/timeZone';
import { Providers } from './Providers';

function ShowZone() {
  return <p data-testid="zone">{useTimeZone()}</p>;
}

describe('Providers', () => {
  it("shows times in the signed-in person's profile zone, not the device's", async () => {
    // A zone no test machine is set to, so the profile zone cannot pass for the device's.
    const profileZone = browserTimeZone() === 'Pacific/Chatham' ? 'Pacific/Marquesas' : 'Pacific/Chatham';
    document.cookie = 'pa_signed_in=1';
    vi.stubGlobal(
      'fetch',
      vi.fn((input: Request | string) => {
        const path = new URL(input instanceof Request ? input.url : input, 'http://localhost').pathname;
        return Promise.resolve(
          path === '/api/v1/auth/refresh'
            ? jsonResponse({ accessToken: 'token', expiresIn: 900 })
            : jsonResponse({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: profileZone, locale: 'en', roles: ['user'] }),
        );
      }),
    );
    try {
      render(
        <Providers queryClient={createQueryClient()} language="en" restoreSession>
          <ShowZone />
        </Providers>,
      );

      expect(screen.getByTestId('zone')).toHaveTextContent(browserTimeZone());
      expect(await screen.findByText(profileZone)).toBeInTheDocument();
    } finally {
      acceptTokens(null);
      document.cookie = 'pa_signed_in=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    }
  });
});
