import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { endSignedInSession, jsonResponse, renderApp, sampleMeta } from '../test/render';
import { stubSignedInApi } from '../test/signedIn';

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

const five = [
  ['Today', '/'],
  ['Chat', '/assistant'],
  ['Tasks', '/tasks'],
  ['Calendar', '/events'],
  ['More', '/more'],
];

describe('Layout', () => {
  it('renders the header, navigation, main content and footer landmarks', () => {
    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('link', { name: 'Personal Assistant TDAH' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo')).toBeInTheDocument();
  });

  it('offers only Sign in and Sign up to someone signed out', () => {
    renderApp('/');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Sign in', '/login'],
      ['Sign up', '/register'],
    ]);
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

    await user.click(screen.getByRole('link', { name: 'See how the assistant is doing' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Status' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveFocus();
  });

  describe('for a signed-in person', () => {
    it('has five destinations, Today first, and the person’s name leading to Settings', async () => {
      stubSignedInApi({});
      renderApp('/more', { restoreSession: true });

      const nav = await screen.findByRole('navigation', { name: 'Main' });
      await waitFor(() => {
        expect(within(nav).getAllByRole('link')).toHaveLength(5);
      });
      expect(within(nav).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual(five);
      expect(within(nav).queryByRole('link', { name: 'Reminders' })).not.toBeInTheDocument();
      expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sam' })).toHaveAttribute('href', '/settings');
    });

    it('marks the page shown with aria-current', async () => {
      stubSignedInApi({ 'GET /api/v1/tasks': () => ({ items: [], page: 1, pageSize: 100, total: 0 }) });
      renderApp('/tasks', { restoreSession: true });

      const nav = await screen.findByRole('navigation', { name: 'Main' });
      expect(await within(nav).findByRole('link', { name: 'Tasks' })).toHaveAttribute('aria-current', 'page');
      expect(within(nav).getByRole('link', { name: 'Today' })).not.toHaveAttribute('aria-current');
    });

    it('moves the focus to the new page when a destination is chosen', async () => {
      stubSignedInApi({});
      const user = userEvent.setup();
      renderApp('/more', { restoreSession: true });
      const nav = await screen.findByRole('navigation', { name: 'Main' });

      await user.click(await within(nav).findByRole('link', { name: 'Calendar' }));

      // The calendar's code is fetched when it is first opened: the page changes once it is here.
      await waitFor(() => {
        expect(within(nav).getByRole('link', { name: 'Calendar' })).toHaveAttribute('aria-current', 'page');
      });
      expect(screen.getByRole('main')).toHaveFocus();
    });

    it('names the destinations in French too', async () => {
      // the app speaks the language of the person's profile once signed in
      stubSignedInApi({
        'GET /api/v1/users/me': () => ({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'fr', roles: ['user'] }),
      });
      renderApp('/more', { language: 'fr', restoreSession: true });

      const nav = await screen.findByRole('navigation', { name: 'Principale' });
      await waitFor(() => {
        expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Aujourd’hui', 'Discussion', 'Tâches', 'Agenda', 'Plus']);
      });
    });
  });

  it('sets the document language', () => {
    renderApp('/', { language: 'fr' });

    expect(document.documentElement).toHaveAttribute('lang', 'fr');
    expect(within(screen.getByRole('navigation', { name: 'Principale' })).getByRole('link', { name: 'Se connecter' })).toBeInTheDocument();
  });
});
