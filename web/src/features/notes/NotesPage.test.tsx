import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { Note } from './notes';
import { NotesPage } from './NotesPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function note(id: string, title: string, body: string, extra: Partial<Note> = {}): Note {
  return { id, title, body, tags: [], pinned: false, createdAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T10:00:00Z', ...extra };
}

const summary = (n: Note) => ({ id: n.id, title: n.title, excerpt: n.body.slice(0, 80), tags: n.tags, pinned: n.pinned, updatedAt: n.updatedAt });

/** An in-memory notes host: search by substring, backlinks by [[title]]. */
function notesHost(initial: Note[] = []) {
  let notes = initial;
  const api = stubApi({
    'GET /api/v1/notes': ({ query }) => {
      const q = query.get('q')?.toLowerCase();
      const found = notes.filter((n) => !q || `${n.title} ${n.body}`.toLowerCase().includes(q));
      return { items: found.map(summary), page: 1, pageSize: 50, total: found.length };
    },
    'GET /api/v1/notes/:id/backlinks': ({ params }) => {
      const target = notes.find((n) => n.id === params[0]);
      return notes.filter((n) => target && n.body.includes(`[[${target.title}]]`)).map(summary);
    },
    'GET /api/v1/notes/:id': ({ params }) => notes.find((n) => n.id === params[0]),
    'POST /api/v1/notes': ({ body }) => {
      const fields = body as { title: string | null; body: string; tags: string[]; pinned: boolean };
      const created = note(`n${String(notes.length + 1)}`, fields.title ?? fields.body.split('\n')[0] ?? '', fields.body, {
        tags: fields.tags,
        pinned: fields.pinned,
      });
      notes = [...notes, created];
      return created;
    },
    'PATCH /api/v1/notes/:id': ({ params, body }) => {
      notes = notes.map((n) => (n.id === params[0] ? { ...n, ...(body as Partial<Note>) } : n));
      return notes.find((n) => n.id === params[0]);
    },
    'DELETE /api/v1/notes/:id': ({ params }) => {
      notes = notes.filter((n) => n.id !== params[0]);
      return undefined;
    },
  });
  return api;
}

describe('NotesPage', () => {
  it('starts empty, writes a note with tags and pinned, and shows it with its line breaks', async () => {
    const api = notesHost();
    renderWithClient(<NotesPage />);

    expect(await screen.findByText(/No notes yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'New note' }));
    await userEvent.type(screen.getByLabelText('Title (optional)'), 'Packing');
    await userEvent.type(screen.getByLabelText('Note'), 'passport{Enter}charger');
    await userEvent.type(screen.getByLabelText('Tags (optional)'), 'travel, lists');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Keep it at the top' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));

    expect(await screen.findByText('Saved: Packing.')).toBeInTheDocument();
    const article = await screen.findByRole('article', { name: 'Packing' });
    expect(within(article).getByText(/passport\s+charger/)).toHaveClass('whitespace-pre-wrap');
    expect(within(article).getByText('Tags: travel, lists')).toBeInTheDocument();
    expect(await within(article).findByText('No other note links here yet.')).toBeInTheDocument();
    expect(api.posted()[0]?.body).toEqual({ title: 'Packing', body: 'passport\ncharger', tags: ['travel', 'lists'], pinned: true });
  });

  it('searches, follows a backlink, edits, and deletes after confirming', async () => {
    const api = notesHost([note('n1', 'Trip', 'Lisbon in May'), note('n2', 'Budget', 'Flights for [[Trip]]'), note('n3', 'Recipes', 'soup')]);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<NotesPage />);

    await userEvent.type(await screen.findByLabelText('Search notes'), 'lisbon');
    const list = screen.getByRole('list', { name: 'Your notes' });
    await vi.waitFor(() => {
      expect(within(list).queryByText('Recipes')).not.toBeInTheDocument();
    });
    expect(api.calls.some((call) => call.query.get('q') === 'lisbon')).toBe(true);

    await userEvent.click(within(list).getByRole('button', { name: /Trip/ }));
    const trip = await screen.findByRole('article', { name: 'Trip' });
    await userEvent.click(await within(trip).findByRole('button', { name: 'Budget' }));
    const budget = await screen.findByRole('article', { name: 'Budget' });

    await userEvent.click(within(budget).getByRole('button', { name: 'Edit' }));
    const title = screen.getByLabelText('Title (optional)');
    await userEvent.clear(title);
    await userEvent.type(title, 'Trip budget');
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));
    const renamed = await screen.findByRole('article', { name: 'Trip budget' });

    await userEvent.click(within(renamed).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted: Trip budget.')).toBeInTheDocument();
    expect(api.posted().map((call) => call.method)).toEqual(['PATCH', 'DELETE']);
  });
  it('checks a note before sending it, and puts the server\'s field errors beside their fields', async () => {
    const api = stubApi({
      'GET /api/v1/notes': () => ({ items: [], page: 1, pageSize: 50, total: 0 }),
      'POST /api/v1/notes': () => problem(400, 'One or more fields are not right.', { Tags: ['At most 20 tags, each 1 to 40 characters, without commas.'] }),
    });
    renderWithClient(<NotesPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'New note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    await userEvent.type(within(form).getByLabelText('Note'), '   ');
    await userEvent.type(within(form).getByLabelText('Tags (optional)'), `travel, ${'x'.repeat(41)}`);
    await userEvent.click(within(form).getByRole('button', { name: 'Save note' }));

    expect(await within(form).findByText('Write something in the title or the note.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Note')).toHaveAccessibleDescription(
      'Markdown works. [[Another note]] links to a note by its title. Write something in the title or the note.',
    );
    expect(within(form).getByLabelText('Tags (optional)')).toHaveAccessibleDescription('Separated by commas. At most 20 tags, each 40 characters at most.');
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Note'), 'Lisbon in May');
    await userEvent.clear(within(form).getByLabelText('Tags (optional)'));
    await userEvent.type(within(form).getByLabelText('Tags (optional)'), 'travel');
    await userEvent.click(within(form).getByRole('button', { name: 'Save note' }));

    await vi.waitFor(() => {
      expect(within(form).getByLabelText('Tags (optional)')).toHaveAccessibleDescription(
        'Separated by commas. At most 20 tags, each 1 to 40 characters, without commas.',
      );
    });
    expect(within(form).getByLabelText('Note')).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('alert')).toHaveTextContent('');
    expect(api.posted()).toMatchObject([{ method: 'POST', body: { title: null, body: '   Lisbon in May', tags: ['travel'], pinned: false } }]);
  });
});
