import { render, screen } from '@testing-library/react';
import { MessageText } from './MessageText';

describe('MessageText', () => {
  it('keeps line breaks and turns **bold**, "- " and "1. " lines into markup', () => {
    const { container } = render(<MessageText text={'Today:\nfirst **small** step\n\n- milk\n- eggs\n1. open the email\n2. reply'} />);

    expect(screen.getByText('small', { selector: 'strong' })).toBeInTheDocument();
    expect(container.querySelectorAll('br')).toHaveLength(1);
    const [bullets, steps] = screen.getAllByRole('list');
    expect(bullets?.tagName).toBe('UL');
    expect(bullets).toHaveTextContent('milkeggs');
    expect(steps?.tagName).toBe('OL');
    expect(steps).toHaveTextContent('open the emailreply');
  });

  it('shows markup the model wrote as text, never as HTML', () => {
    const { container } = render(<MessageText text={'<img src=x onerror=alert(1)> **<b>hi</b>**'} />);

    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)> <b>hi</b>');
  });
});
