/**
 * Change notices for something kept in localStorage, for `useSyncExternalStore`: `notify` after this tab writes,
 * and `subscribe` also hears the `storage` event, which tells when another tab wrote.
 */
export function storageSignal(): { notify: () => void; subscribe: (listener: () => void) => () => void } {
  const listeners = new Set<() => void>();
  const notify = () => {
    listeners.forEach((listener) => {
      listener();
    });
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    window.addEventListener('storage', listener);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', listener);
    };
  };
  return { notify, subscribe };
}
