import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { ListItem, ShoppingList } from './lists';
import { ListsPage } from './ListsPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const groceries: ShoppingList = { id: 'l1', name: 'Groceries', isDefault: true, openItems: 0, totalItems: 0, createdAt: '2026-11-25T10:00:00Z' };

function item(text: string, extra: Partial<ListItem> = {}): ListItem {
  return { id: `i-${text}`, listId: 'l1', text, quantity: 1, checked: false, createdAt: '2026-11-25T10:00:00Z', checkedAt: null, merged: false, ...extra };
}

describe('ListsPage', () => {
  it('opens Groceries with a calm empty state, adds an item, merges a repeat, checks and removes it', async () => {
    let items: ListItem[] = [];
    const api = stubApi({
      'GET /api/v1/lists': () => [{ ...groceries, openItems: items.filter((i) => !i.checked).length }],
      'GET /api/v1/lists/:id/items': () => items,
      'POST /api/v1/lists/:id/items': ({ body }) => {
        const { text, quantity } = body as { text: string; quantity: number };
        const known = items.find((i) => i.text === text);
        if (known) {
          known.quantity = Number(known.quantity) + quantity;
          return { ...known, merged: true };
        }
        items = [...items, item(text, { quantity })];
        return new Response(JSON.stringify(items.at(-1)), { status: 201, headers: { 'Content-Type': 'application/json' } });
      },
      'PATCH /api/v1/lists/:id/items/:itemId': ({ params, body }) => {
        items = items.map((i) => (i.id === params[1] ? { ...i, ...(body as object) } : i));
        return items.find((i) => i.id === params[1]);
      },
      'DELETE /api/v1/lists/:id/items/:itemId': ({ params }) => {
        items = items.filter((i) => i.id !== params[1]);
        return undefined;
      },
    });
    renderWithClient(<ListsPage />);

    expect(await screen.findByRole('heading', { level: 2, name: 'Groceries' })).toBeInTheDocument();
    expect(await screen.findByText('Nothing on this list yet. Add the first thing above.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Item'), 'milk');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    expect(await screen.findByText('Added: milk.')).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'milk' })).not.toBeChecked();

    await userEvent.type(screen.getByLabelText('Item'), 'milk');
    await userEvent.clear(screen.getByLabelText('How many'));
    await userEvent.type(screen.getByLabelText('How many'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    expect(await screen.findByText('milk was already on the list: now 3.')).toBeInTheDocument();
    const milk = await screen.findByRole('checkbox', { name: 'milk × 3' });

    await userEvent.click(milk);
    expect(await screen.findByRole('checkbox', { name: 'milk × 3' })).toBeChecked();

    await userEvent.click(screen.getByRole('button', { name: 'Remove: milk' }));
    expect(await screen.findByText('Removed: milk.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing on this list yet. Add the first thing above.')).toBeInTheDocument();
    expect(api.posted().map((call) => [call.method, call.body])).toEqual([
      ['POST', { text: 'milk', quantity: 1 }],
      ['POST', { text: 'milk', quantity: 2 }],
      ['PATCH', { checked: true }],
      ['DELETE', undefined],
    ]);
  });

  it('creates a list and opens it', async () => {
    let lists = [groceries];
    stubApi({
      'GET /api/v1/lists': () => lists,
      'POST /api/v1/lists': ({ body }) => {
        const created = { ...groceries, id: 'l2', name: (body as { name: string }).name, isDefault: false };
        lists = [...lists, created];
        return created;
      },
      'GET /api/v1/lists/:id/items': () => [],
    });
    renderWithClient(<ListsPage />);

    await userEvent.type(await screen.findByLabelText('Name of the list'), 'Hardware store');
    await userEvent.click(screen.getByRole('button', { name: 'Create list' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Hardware store' })).toBeInTheDocument();
    const choices = screen.getByRole('group', { name: 'Which list' });
    expect(within(choices).getByRole('button', { name: 'Hardware store (0)' })).toHaveAttribute('aria-pressed', 'true');
  });
  it('checks an item before sending it, and puts the server\'s field errors beside their fields', async () => {
    const api = stubApi({
      'GET /api/v1/lists': () => [groceries],
      'GET /api/v1/lists/:id/items': () => [],
      'POST /api/v1/lists/:id/items': () => problem(400, 'One or more fields are not right.', { Quantity: ['Up to 9999 of one thing.'] }),
    });
    renderWithClient(<ListsPage />);
    const form = await screen.findByRole('form', { name: 'Add to Groceries' });

    await userEvent.clear(within(form).getByLabelText('How many'));
    await userEvent.type(within(form).getByLabelText('How many'), '10000');
    await userEvent.click(within(form).getByRole('button', { name: 'Add to the list' }));
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Item')).toHaveAccessibleDescription('Please fill this in.');
    expect(within(form).getByLabelText('How many')).toHaveAccessibleDescription('A whole number from 1 to 9999.');
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Item'), 'milk');
    await userEvent.clear(within(form).getByLabelText('How many'));
    await userEvent.type(within(form).getByLabelText('How many'), '12');
    await userEvent.click(within(form).getByRole('button', { name: 'Add to the list' }));
    await vi.waitFor(() => {
      expect(within(form).getByLabelText('How many')).toHaveAccessibleDescription('Up to 9999 of one thing.');
    });
    expect(within(form).getByLabelText('Item')).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('alert')).toHaveTextContent('');
    expect(api.posted()).toMatchObject([{ method: 'POST', body: { text: 'milk', quantity: 12 } }]);
  });

  it('checks a new list\'s name before sending it, and puts the server\'s field errors beside it', async () => {
    const api = stubApi({
      'GET /api/v1/lists': () => [groceries],
      'GET /api/v1/lists/:id/items': () => [],
      'POST /api/v1/lists': () => problem(400, 'One or more fields are not right.', { Name: ['You already have a list with that name.'] }),
    });
    renderWithClient(<ListsPage />);
    const form = await screen.findByRole('form', { name: 'Start another list' });

    await userEvent.type(within(form).getByLabelText('Name of the list'), 'x'.repeat(101));
    await userEvent.click(within(form).getByRole('button', { name: 'Create list' }));
    expect(await within(form).findByText('A little long: 100 characters at most.')).toBeInTheDocument();
    expect(api.posted()).toEqual([]);

    await userEvent.clear(within(form).getByLabelText('Name of the list'));
    await userEvent.type(within(form).getByLabelText('Name of the list'), ' Groceries ');
    await userEvent.click(within(form).getByRole('button', { name: 'Create list' }));
    await vi.waitFor(() => {
      expect(within(form).getByLabelText('Name of the list')).toHaveAccessibleDescription('You already have a list with that name.');
    });
    expect(within(form).getByRole('alert')).toHaveTextContent('');
    expect(api.posted()).toMatchObject([{ method: 'POST', body: { name: 'Groceries' } }]);
  });
});
