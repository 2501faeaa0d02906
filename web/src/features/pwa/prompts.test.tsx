import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { renderWithClient } from '../../test/render';
import { InstallSection } from './InstallSection';
import { listenForInstall } from './install';
import { dismissUpdate, markUpdateReady } from './registerWorker';
import { UpdatePrompt } from './UpdatePrompt';

describe('the update prompt', () => {
  afterEach(() => {
    act(dismissUpdate);
  });

  it('says nothing until a new version waits', () => {
    renderWithClient(<UpdatePrompt />);
    expect(screen.queryByText('A new version is ready.')).not.toBeInTheDocument();
  });

  it('offers Reload when a new worker waits, and Later puts it away', async () => {
    const user = userEvent.setup();
    renderWithClient(<UpdatePrompt />);

    act(markUpdateReady);

    expect(screen.getByRole('status')).toHaveTextContent('A new version is ready.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByText('A new version is ready.')).not.toBeInTheDocument();
  });

  it('speaks French too', () => {
    renderWithClient(<UpdatePrompt />, 'fr');
    act(markUpdateReady);
    expect(screen.getByRole('button', { name: 'Recharger' })).toBeInTheDocument();
  });
});

describe('the install button', () => {
  it('shows nothing when the browser offers no install', () => {
    const { container } = renderWithClient(<InstallSection />);
    expect(container).toBeEmptyDOMElement();
  });

  it('keeps the browser’s offer and shows its dialog from a quiet button in More', async () => {
    listenForInstall();
    const user = userEvent.setup();
    renderWithClient(<InstallSection />);
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: vi.fn(() => Promise.resolve()),
      userChoice: Promise.resolve({ outcome: 'accepted' as const }),
    });

    act(() => {
      window.dispatchEvent(offer);
    });

    expect(offer.defaultPrevented).toBe(true);
    expect(screen.getByRole('heading', { name: 'Install the app' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Install the app' }));
    expect(offer.prompt).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Installed. You can open it from your home screen.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Install the app' })).not.toBeInTheDocument();
  });
});
