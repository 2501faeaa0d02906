/** The five destinations' icons: simple strokes in the text colour, decorative (the label says it). */
export type NavIconName = 'today' | 'chat' | 'tasks' | 'calendar' | 'more';

const paths: Record<NavIconName, string> = {
  // A sun rising over the horizon.
  today: 'M12 4v2M5.6 7.6l1.4 1.4M18.4 7.6 17 9M3 17h18M7 17a5 5 0 0 1 10 0M6 20h12',
  chat: 'M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-8l-4 3v-3H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  tasks: 'M4 6.5 5.5 8 8 5M11 6.5h9M4 12.5 5.5 14 8 11M11 12.5h9M11 18.5h9M5 18.5h1',
  calendar: 'M5 6h14a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1zM4 10h16M8 4v4M16 4v4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
};

export function NavIcon({ name, className = 'size-6' }: { name: NavIconName; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth={name === 'more' ? 3 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
