import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { AssistantConnection } from '../assistant/hub';
import type { Language } from '../../i18n';
import { NotificationBell } from './NotificationBell';
import type { AppNotification } from './notifications';

/** The first render loads the modules: on a busy machine that takes more than the default second. */
const slow = { timeout: 5_000 };

/** Stands in for the shared hub connection: the bell subscribes through it, the test plays the server's events. */
function fakeHub() {
  const handlers = new Map<string, (payload: never) => void>();
  const hub: AssistantConnection & { emit: (event: string, payload: unknown) => void; started: number; stopped: number } = {
    started: 0,
    stopped: 0,
    on: (event, handler) => handlers.set(event, handler),
    off: (event) => handlers.delete(event),
    start: () => {
      hub.started += 1;
      return Promise.resolve();
    },
    stop: () => {
      hub.stopped += 1;
      return Promise.resolve();
    },
    emit: (event, payload) => {
      handlers.get(event)?.(payload as never);
    },
  };
  return hub;
}

function note(id: string, text: string, extra: Partial<AppNotification> = {}): AppNotification {
  return { id, kind: 'reminder', text, reminderId: null, occurrence: null, late: false, createdAt: '2026-11-18T14:00:00Z', readAt: null, ...extra };
}

/** An in-memory host: the person's notifications, newest first, with read marks the bell can set. */
function stubNotifications(items: AppNotification[]) {
  const store = items.map((n) => ({ ...n }));
  const api = stubApi({
    'GET /api/v1/notifications': ({ query }) => {
      const list = query.get('unread') === 'true' ? store.filter((n) => !n.readAt) : store;
      const size = Number(query.get('pageSize') ?? 20);
      return { items: list.slice(0, size), page: 1, pageSize: size, total: list.length };
    },
    'POST /api/v1/notifications/:id/read': ({ params }) => {
      const found = store.find((n) => n.id === params[0]);
      if (found) {
        found.readAt = '2026-11-18T14:05:00Z';
      }
      return found;
    },
  });
  return { ...api, store };
}

function renderBell(hub = fakeHub(), language: Language = 'en') {
  const result = renderWithClient(
    <MemoryRouter>
      <NotificationBell connect={() => hub} />
      <button type="button">Elsewhere</button>
    </MemoryRouter>,
    language,
  );
  return { ...result, hub };
}

describe('NotificationBell', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says the unread count in the button name', async () => {
    stubNotifications([note('n2', 'Call mom'), note('n1', 'Water the plants', { readAt: '2026-11-18T13:00:00Z' }), note('n0', 'Pay rent')]);
    renderBell();

    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' }, slow)).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens on the recent ones, newest first, and marks the unread ones read', async () => {
    const user = userEvent.setup();
    const api = stubNotifications([note('n2', 'Call mom'), note('n1', 'Water the plants', { readAt: '2026-11-18T13:00:00Z' })]);
    renderBell();

    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }, slow));

    const panel = screen.getByRole('region', { name: 'Notifications' });
    const items = await within(panel).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([expect.stringContaining('NewCall mom'), expect.stringContaining('Water the plants')]);
    expect(items[1]).not.toHaveTextContent('New');
    await waitFor(() => {
      expect(api.posted().map((c) => c.path)).toEqual(['/api/v1/notifications/n2/read']);
    });
    expect(await screen.findByRole('button', { name: 'Notifications' }, slow)).toHaveAttribute('aria-expanded', 'true');
    // Still tagged while the list is open, so nothing changes under the person's eyes.
    expect(within(panel).getByText('Call mom')).toHaveTextContent('New');
  });

  it('shows a calm empty state', async () => {
    const user = userEvent.setup();
    stubNotifications([]);
    renderBell();

    await user.click(await screen.findByRole('button', { name: 'Notifications' }, slow));

    expect(await screen.findByText('Nothing new. Reminders you set show up here.', {}, slow)).toBeInTheDocument();
  });

  it('says calmly when a late one was for, without alarm colours', async () => {
    const user = userEvent.setup();
    stubNotifications([note('n1', 'Late by 2 h: Call mom', { late: true, occurrence: '2026-11-18T12:00:00Z', readAt: '2026-11-18T14:01:00Z' })]);
    renderBell();

    await user.click(await screen.findByRole('button', { name: 'Notifications' }, slow));

    const when = await screen.findByText(/it was for/, {}, slow);
    expect(when.className).not.toMatch(/red|rose|orange/);
    expect(screen.getByText('Late by 2 h: Call mom').className).not.toMatch(/red|rose|orange/);
  });

  it('closes on Escape and gives the focus back to the bell', async () => {
    const user = userEvent.setup();
    stubNotifications([]);
    renderBell();
    const bell = await screen.findByRole('button', { name: 'Notifications' }, slow);

    await user.click(bell);
    expect(screen.getByRole('region', { name: 'Notifications' })).toHaveFocus();
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    expect(bell).toHaveFocus();
  });

  it('closes when the focus leaves it', async () => {
    const user = userEvent.setup();
    stubNotifications([]);
    renderBell();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }, slow));
    await screen.findByText('Nothing new. Reminders you set show up here.', {}, slow);

    await user.tab(); // the link to the reminders
    await user.tab(); // out of the list

    expect(screen.getByRole('button', { name: 'Elsewhere' })).toHaveFocus();
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });

  it('announces a new one from the hub and counts it', async () => {
    const api = stubNotifications([]);
    const { hub } = renderBell();
    await screen.findByRole('button', { name: 'Notifications' }, slow);
    await waitFor(() => {
      expect(hub.started).toBe(1);
    });

    const arrived = note('n9', 'Take the pills');
    api.store.unshift(arrived);
    act(() => {
      hub.emit('notification', arrived);
    });

    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' }, slow)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('New notification: Take the pills');
  });

  it('lets go of the hub connection when it leaves the page', async () => {
    stubNotifications([]);
    const { hub, unmount } = renderBell();
    await waitFor(() => {
      expect(hub.started).toBe(1);
    });

    unmount();

    expect(hub.stopped).toBe(1);
  });

  it('speaks French', async () => {
    const user = userEvent.setup();
    stubNotifications([note('n1', 'Appeler maman'), note('n0', 'Arroser les plantes')]);
    renderBell(fakeHub(), 'fr');

    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 non lues' }, slow));

    expect(await screen.findByText('Appeler maman', {}, slow)).toHaveTextContent('Nouveau');
  });
});
