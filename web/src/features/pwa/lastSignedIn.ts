/**
 * Who was last signed in on this device: an id, no secret. With the script-readable `pa_signed_in` hint cookie the
 * server sets next to the refresh cookie, it lets the app start offline as that person, from the profile the service
 * worker saved; a saved profile of anyone else is not trusted.
 */
const key = 'pa.lastSignedIn';

export function rememberSignedIn(userId: string | null): void {
  try {
    if (userId) {
      localStorage.setItem(key, userId);
    } else {
      localStorage.removeItem(key);
    }
  } catch {
    // Private browsing: no offline start.
  }
}

export function lastSignedIn(): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
