import { screen } from '@testing-library/react';
import { renderApp } from '../../test/render';

describe('HomePage', () => {
  it('says what the product does in plain words', () => {
    renderApp('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Get it out of your head, in one breath.' })).toBeInTheDocument();
    for (const name of [
      'Capture in one breath',
      'Echo, then undo',
      'One next step',
      'Gentle nudges',
      'No shame',
      'Text it or use the web app',
      'Self-hosted and private',
    ]) {
      expect(screen.getByRole('heading', { level: 3, name })).toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: 'See how the assistant is doing' })).toHaveAttribute('href', '/status');
  });
});
