import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { stubApi } from '../../test/fakeApi';
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
});
