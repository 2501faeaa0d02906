import { useSyncExternalStore } from 'react';

/** Chromium's install event (not in TypeScript's DOM lib). */
interface InstallPromptEvent extends Event {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState = 'available' | 'ios' | 'installed' | 'none';

let deferred: InstallPromptEvent | null = null;
let installed = false;
const listeners = new Set<() => void>();

function notify() {
  listeners.forEach((listener) => {
    listener();
  });
}

/**
 * Keeps the browser's install offer for the quiet "Install the app" button in More, instead of the browser's own
 * banner. Called once at start, before the browser fires the event.
 */
export function listenForInstall(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event as InstallPromptEvent;
    notify();
  });
  window.addEventListener('appinstalled', () => {
    deferred = null;
    installed = true;
    notify();
  });
}

/** Shows the browser's install dialog; the button goes away whatever the person chose (the browser may offer it again). */
export async function install(): Promise<void> {
  const event = deferred;
  if (!event) {
    return;
  }
  deferred = null;
  notify();
  await event.prompt();
  const choice = await event.userChoice;
  if (choice.outcome === 'accepted') {
    installed = true;
    notify();
  }
}

function isStandalone(): boolean {
  return window.matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
}

/** iPhone and iPad Safari have no install event: they get a short hint, unless already opened from the home screen. */
function isIosBrowser(): boolean {
  return /iPhone|iPad|iPod/.test(navigator.userAgent) && !isStandalone();
}

function state(): InstallState {
  if (installed) {
    return 'installed';
  }
  if (deferred) {
    return 'available';
  }
  return isIosBrowser() ? 'ios' : 'none';
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useInstallState(): InstallState {
  return useSyncExternalStore(subscribe, state, () => 'none');
}
