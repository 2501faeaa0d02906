import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, vi } from 'vitest';
import { stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import { ChannelChoices } from './ChannelChoices';

/** The first render loads the modules: on a busy machine that takes more than the default second. */
const slow = { timeout: 5_000 };

function Harness({ initial, emailConfirmed, seen }: { initial: string[]; emailConfirmed: boolean; seen: string[][] }) {
  const [value, setValue] = useState(initial);
  return (
    <ChannelChoices
      value={value}
      emailConfirmed={emailConfirmed}
      onChange={(channels) => {
        seen.push(channels);
        setValue(channels);
      }}
    />
  );
}

const verifiedPhone = { id: 'p1', number: '+15145550134', verified: true, primary: true, createdAt: '2026-11-18T10:00:00Z' };

describe('ChannelChoices', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says why text messages and email cannot be chosen yet', async () => {
    stubApi({ 'GET /api/v1/users/me/phone-numbers': () => [{ ...verifiedPhone, verified: false }] });
    renderWithClient(<Harness initial={['web']} emailConfirmed={false} seen={[]} />);

    const sms = await screen.findByRole('checkbox', { name: 'Text message' }, slow);
    expect(sms).toBeDisabled();
    expect(sms).toHaveAccessibleDescription('Needs a confirmed phone number (see Phone numbers above).');
    expect(screen.getByRole('checkbox', { name: 'Email' })).toHaveAccessibleDescription(
      'Needs a confirmed email address: open the link in the email we sent you.',
    );
    // The only channel left cannot be turned off: the person always has a way to be reached.
    expect(screen.getByRole('checkbox', { name: 'In this app' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'In this app' })).toHaveAccessibleDescription('Keep at least one way to reach you.');
    // Without push on the server, it is not offered.
    expect(screen.queryByRole('checkbox', { name: 'Notifications on your devices' })).not.toBeInTheDocument();
  });

  it('adds a confirmed channel as the next choice and moves it first', async () => {
    const user = userEvent.setup();
    stubApi({ 'GET /api/v1/users/me/phone-numbers': () => [verifiedPhone] });
    const seen: string[][] = [];
    renderWithClient(<Harness initial={['web']} emailConfirmed seen={seen} />);

    const sms = await screen.findByRole('checkbox', { name: /Text message/ }, slow);
    await waitFor(() => {
      expect(sms).toBeEnabled();
    });
    await user.click(sms);
    await user.click(screen.getByRole('button', { name: 'Move Text message up' }));

    expect(seen).toEqual([
      ['web', 'sms'],
      ['sms', 'web'],
    ]);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      expect.stringContaining('Text messageChoice 1'),
      expect.stringContaining('In this appChoice 2'),
      expect.stringContaining('Email'),
    ]);
  });

  it('offers push once the server has it and a device has it on', async () => {
    stubApi({
      'GET /api/v1/users/me/phone-numbers': () => [],
      'GET /api/v1/push/subscriptions': () => [{ id: 's1', label: 'Chrome · Linux', createdAt: '2026-11-18T10:00:00Z', lastSuccessAt: null }],
    });
    renderWithClient(<Harness initial={['web']} emailConfirmed seen={[]} />);

    expect(await screen.findByRole('checkbox', { name: 'Notifications on your devices' }, slow)).toBeEnabled();
  });

  it('speaks French', async () => {
    stubApi({ 'GET /api/v1/users/me/phone-numbers': () => [] });
    renderWithClient(<Harness initial={['web']} emailConfirmed={false} seen={[]} />, 'fr');

    expect(await screen.findByRole('checkbox', { name: 'Texto' }, slow)).toHaveAccessibleDescription(
      'Il faut un numéro confirmé (voir Numéros de téléphone plus haut).',
    );
  });
});
