import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { endSignedInSession, jsonResponse, renderApp, sampleMeta, stubSignedInSession } from '../../test/render';

function stubFetch(...responses: (() => Response | Promise<Response>)[]) {
  const queue = [...responses];
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>(() => {
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (!next) {
      throw new Error('No response stubbed');
    }
    return Promise.resolve(next());
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const problem = {
  type: 'https://tools.ietf.org/html/rfc9110#section-15.6.4',
  title: 'The database is not ready yet',
  status: 503,
  detail: 'It is still starting. Give it a few seconds.',
  traceId: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
};

describe('StatusPage', () => {
  it('shows a calm loading state, then the version, database provider and channels', async () => {
    const fetchMock = stubFetch(() => jsonResponse({ ...sampleMeta, databaseProvider: 'Postgres', channels: ['web', 'sms'] }));
    renderApp('/status');

    expect(screen.getByRole('status')).toHaveTextContent('Checking the assistant…');

    expect(await screen.findByLabelText('Database')).toHaveTextContent('Postgres');
    expect(screen.getByLabelText('Version')).toHaveTextContent('0.1.0');
    expect(screen.getByLabelText('Channels')).toHaveTextContent('Web app, Text messages (SMS)');
    expect(screen.getByRole('status')).toHaveTextContent('Everything is up and running.');

    const request = fetchMock.mock.calls[0]?.[0];
    expect(request?.method).toBe('GET');
    expect(new URL(request?.url ?? '').pathname).toBe('/api/v1/meta');
  });

  it('shows the raw provider value from the host', async () => {
    stubFetch(() => jsonResponse(sampleMeta));
    renderApp('/status');

    const database = await screen.findByRole('definition', { name: 'Database' });
    expect(database).toHaveTextContent(/^Sqlite$/);
  });

  it('shows the problem details of a failed answer and recovers on retry', async () => {
    const fetchMock = stubFetch(
      () => jsonResponse(problem, 503, 'application/problem+json'),
      () => jsonResponse(problem, 503, 'application/problem+json'),
      () => jsonResponse(problem, 503, 'application/problem+json'),
      () => jsonResponse(sampleMeta),
    );
    const user = userEvent.setup();
    renderApp('/status');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The database is not ready yet' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('It is still starting. Give it a few seconds.');
    expect(alert).toHaveTextContent(problem.traceId);
    // A 5xx is retried quietly twice before the person sees it.
    expect(fetchMock).toHaveBeenCalledTimes(3);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByLabelText('Database')).toHaveTextContent('Sqlite');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('does not retry a 4xx answer on its own', async () => {
    const fetchMock = stubFetch(() =>
      jsonResponse({ title: 'Not Found', status: 404, traceId: 'abc' }, 404, 'application/problem+json'),
    );
    renderApp('/status');

    expect(await screen.findByRole('heading', { name: 'Not Found' })).toBeInTheDocument();
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong on the way. It is not your fault.');
  });

  it('explains an unreachable host without blaming the person', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    renderApp('/status');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The assistant did not answer' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('The assistant could not be reached.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('says how the assistant understands messages, and tells only administrators what a model would add', async () => {
    stubFetch(() => jsonResponse(sampleMeta));
    renderApp('/status');

    expect(await screen.findByRole('definition', { name: 'Understanding' })).toHaveTextContent('Built-in engine, works offline');
    expect(screen.queryByRole('heading', { name: 'What a language model would add' })).not.toBeInTheDocument();
  });

  it('shows administrators of an offline instance what a model would add, without naming a setting', async () => {
    stubSignedInSession({ email: 'ada@example.test', displayName: 'Ada', roles: ['administrator', 'user'] }, (path) =>
      path === '/api/v1/meta' ? jsonResponse(sampleMeta) : undefined,
    );
    try {
      renderApp('/status', { restoreSession: true });

      const section = await screen.findByRole('region', { name: 'What a language model would add' });
      expect(within(section).getAllByRole('listitem')).toHaveLength(3);
      expect(section).not.toHaveTextContent(/Assistant:|Provider/);
    } finally {
      endSignedInSession();
    }
  });

  it('names a connected model in French too', async () => {
    stubFetch(() => jsonResponse({ ...sampleMeta, understanding: 'model' }));
    renderApp('/status', { language: 'fr' });

    expect(await screen.findByRole('definition', { name: 'Compréhension' })).toHaveTextContent('Moteur intégré avec un modèle de langage');
  });
});
