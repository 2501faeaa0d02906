import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { endSignedInSession, jsonResponse, renderApp, sampleMeta, stubSignedInSession } from '../test/render';

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

  it('puts the assistant first in the navigation of a signed-in person', async () => {
    stubSignedInSession();
    try {
      renderApp('/', { restoreSession: true });

      const nav = screen.getByRole('navigation', { name: 'Main' });
      expect(await within(nav).findByRole('link', { name: 'Assistant' })).toHaveAttribute('href', '/assistant');
      expect(within(nav).getAllByRole('link')[0]).toHaveTextContent('Assistant');
      for (const [name, href] of [
        ['Tasks', '/tasks'],
        ['Reminders', '/reminders'],
        ['Calendar', '/events'],
        ['Lists', '/lists'],
        ['Notes', '/notes'],
        ['Expenses', '/expenses'],
        ['Memories', '/memories'],
      ]) {
        expect(within(nav).getByRole('link', { name })).toHaveAttribute('href', href);
      }
    } finally {
      endSignedInSession();
    }
  });

  describe('on a narrow screen, the menu', () => {
    it('is closed at first and controls the list of links', () => {
      renderApp('/');

      const menu = screen.getByRole('button', { name: 'Menu' });
      expect(menu).toHaveAttribute('aria-expanded', 'false');
      const list = document.getElementById(menu.getAttribute('aria-controls') ?? '');
      expect(list).toBeInTheDocument();
      expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('list')).toBe(list);
      expect(list).toHaveClass('hidden');
    });

    it('opens with the focus on its first item', async () => {
      const user = userEvent.setup();
      renderApp('/');

      const menu = screen.getByRole('button', { name: 'Menu' });
      await user.click(menu);

      expect(menu).toHaveAttribute('aria-expanded', 'true');
      expect(document.getElementById(menu.getAttribute('aria-controls') ?? '')).not.toHaveClass('hidden');
      expect(screen.getByRole('link', { name: 'Home' })).toHaveFocus();
    });

    it('opens from the keyboard too', async () => {
      const user = userEvent.setup();
      renderApp('/');

      screen.getByRole('button', { name: 'Menu' }).focus();
      await user.keyboard('{Enter}');

      expect(screen.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
      expect(screen.getByRole('link', { name: 'Home' })).toHaveFocus();
    });

    it('closes on Escape and gives the focus back to the Menu button', async () => {
      const user = userEvent.setup();
      renderApp('/');
      const menu = screen.getByRole('button', { name: 'Menu' });
      await user.click(menu);
      await user.tab();
      expect(screen.getByRole('link', { name: 'Status' })).toHaveFocus();

      await user.keyboard('{Escape}');

      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(menu).toHaveFocus();
      expect(document.getElementById(menu.getAttribute('aria-controls') ?? '')).toHaveClass('hidden');
    });

    it('closes when pressed again', async () => {
      const user = userEvent.setup();
      renderApp('/');
      const menu = screen.getByRole('button', { name: 'Menu' });

      await user.click(menu);
      await user.click(menu);

      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(menu).toHaveFocus();
    });

    it('closes when an item is chosen, and the focus goes to the new page', async () => {
      vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(jsonResponse(sampleMeta))));
      const user = userEvent.setup();
      renderApp('/');
      const menu = screen.getByRole('button', { name: 'Menu' });
      await user.click(menu);

      await user.click(screen.getByRole('link', { name: 'Status' }));

      expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeInTheDocument();
      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(screen.getByRole('main')).toHaveFocus();
    });

    it('closes when choosing the page already shown, leaving the focus on the content', async () => {
      const user = userEvent.setup();
      renderApp('/');
      const menu = screen.getByRole('button', { name: 'Menu' });
      await user.click(menu);

      await user.click(screen.getByRole('link', { name: 'Home' }));

      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(screen.getByRole('main')).toHaveFocus();
    });

    it('closes when the person taps outside it', async () => {
      const user = userEvent.setup();
      renderApp('/');
      const menu = screen.getByRole('button', { name: 'Menu' });
      await user.click(menu);

      await user.click(screen.getByRole('contentinfo'));

      expect(menu).toHaveAttribute('aria-expanded', 'false');
    });

    it('is named in French too', () => {
      renderApp('/', { language: 'fr' });

      expect(screen.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
      expect(screen.getByRole('navigation', { name: 'Principale' })).toBeInTheDocument();
    });
  });

  it('sets the document language', () => {
    renderApp('/', { language: 'fr' });

    expect(document.documentElement).toHaveAttribute('lang', 'fr');
    expect(screen.getByRole('link', { name: 'Accueil' })).toBeInTheDocument();
  });
});
