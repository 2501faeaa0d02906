import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../test/render';

describe('NotFoundPage', () => {
  it('answers an unknown route kindly and leads back home', async () => {
    const user = userEvent.setup();
    renderApp('/no/such/place');

    expect(screen.getByRole('heading', { level: 1, name: 'This page is not here' })).toBeInTheDocument();
    expect(screen.getByText('The link may be old or mistyped. Nothing is lost.')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Go to the home page' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Get it out of your head, in one breath.' })).toBeInTheDocument();
  });
});
