import { render, screen } from '@testing-library/react';
import { createQueryClient } from '../api/queryClient';
import { endSignedInSession, stubSignedInSession } from '../test/render';
import { browserTimeZone, useTimeZone } from '../ui/timeZone';
import { Providers } from './Providers';

function ShowZone() {
  return <p data-testid="zone">{useTimeZone()}</p>;
}

describe('Providers', () => {
  it("shows times in the signed-in person's profile zone, not the device's", async () => {
    // A zone no test machine is set to, so the profile zone cannot pass for the device's.
    const profileZone = browserTimeZone() === 'Pacific/Chatham' ? 'Pacific/Marquesas' : 'Pacific/Chatham';
    stubSignedInSession({ timeZone: profileZone });
    try {
      render(
        <Providers queryClient={createQueryClient()} language="en" restoreSession>
          <ShowZone />
        </Providers>,
      );

      expect(screen.getByTestId('zone')).toHaveTextContent(browserTimeZone());
      expect(await screen.findByText(profileZone)).toBeInTheDocument();
    } finally {
      endSignedInSession();
    }
  });
});
