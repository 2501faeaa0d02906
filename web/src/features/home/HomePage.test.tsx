import { screen, within } from '@testing-library/react';
import { renderApp } from '../../test/render';

describe('HomePage', () => {
  it('says what it does and for whom, and invites to sign up or sign in', () => {
    renderApp('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Get it out of your head, in one breath.' })).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/register');
    expect(within(main).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(screen.getByRole('heading', { level: 2, name: 'Who it is for' })).toBeInTheDocument();
    for (const name of ['Capture in one breath', 'Echo, then undo', 'One next step', 'Gentle nudges', 'No shame']) {
      expect(screen.getByRole('heading', { level: 3, name })).toBeInTheDocument();
    }
  });

  it('explains texting with STOP and HELP, and the privacy stance without promising what is not built', () => {
    renderApp('/');

    const sms = screen.getByRole('region', { name: 'How texting works' });
    expect(within(sms).getAllByRole('listitem')).toHaveLength(4);
    expect(within(sms).getByText(/Reply STOP to stop all texts, and HELP for help/)).toBeInTheDocument();
    const privacy = screen.getByRole('region', { name: 'Your data stays with you' });
    expect(within(privacy).getByText(/Your data stays on the server you run/)).toBeInTheDocument();
    expect(within(privacy).queryByText(/export|delete/i)).not.toBeInTheDocument();
    expect(within(privacy).getByRole('link', { name: 'See how the assistant is doing' })).toHaveAttribute('href', '/status');
  });

  it('speaks French, and says “tu”', () => {
    renderApp('/', { language: 'fr' });

    expect(screen.getByRole('heading', { level: 1, name: 'Sors-le de ta tête, d’un seul souffle.' })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Créer un compte' })).toHaveAttribute('href', '/register');
    expect(screen.getByRole('main').textContent).not.toMatch(/\bvous\b|\bvotre\b|\bvos\b/i);
  });
});
