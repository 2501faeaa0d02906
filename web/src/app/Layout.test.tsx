import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { jsonResponse, renderApp, sampleMeta } from '../test/render';

describe('Layout', () => {
  it('renders the header, navigation, main content and footer landmarks', () => {
    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('link', { name: 'Personal Assistant TDAH' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Status' })).toHaveAttribute('href', '/status');
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
  });

  it('offers a skip link to the main content as the first focusable element', async () => {
    const user = userEvent.setup();
    renderApp('/');

    await user.tab();

    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });

  it('moves focus to the main content after navigating', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(jsonResponse(sampleMeta))));
    const user = userEvent.setup();
    renderApp('/');

    await user.click(screen.getByRole('link', { name: 'Status' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('sets the document language', () => {
    renderApp('/', { language: 'fr' });

    expect(document.documentElement).toHaveAttribute('lang', 'fr');
    expect(screen.getByRole('link', { name: 'Accueil' })).toBeInTheDocument();
  });
});
