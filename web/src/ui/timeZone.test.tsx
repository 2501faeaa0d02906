import { render, screen } from '@testing-library/react';
import { browserTimeZone, TimeZoneProvider, useTimeZone } from './timeZone';

function ShowZone() {
  return <p>{useTimeZone()}</p>;
}

describe('useTimeZone', () => {
  it('gives the profile zone it is provided', () => {
    render(
      <TimeZoneProvider timeZone="Pacific/Auckland">
        <ShowZone />
      </TimeZoneProvider>,
    );

    expect(screen.getByText('Pacific/Auckland')).toBeInTheDocument();
  });

  it("falls back to the device's zone when nobody is signed in, or the profile zone is unknown here", () => {
    const { unmount } = render(
      <TimeZoneProvider timeZone={null}>
        <ShowZone />
      </TimeZoneProvider>,
    );
    expect(screen.getByText(browserTimeZone())).toBeInTheDocument();
    unmount();

    render(
      <TimeZoneProvider timeZone="Mars/Olympus_Mons">
        <ShowZone />
      </TimeZoneProvider>,
    );
    expect(screen.getByText(browserTimeZone())).toBeInTheDocument();
  });
});
