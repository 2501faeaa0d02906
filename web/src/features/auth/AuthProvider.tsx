import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { lastSignedIn, rememberSignedIn } from '../pwa/lastSignedIn';
import { forgetSavedData } from '../pwa/registerWorker';
import { forgetFocus } from '../tasks/focusStore';
import {
  acceptTokens,
  currentAccessToken,
  hasSignInHint,
  onSessionChange,
  restoreSession as restore,
  signOut as endSession,
  type IssuedTokens,
} from './session';

export type UserProfile = components['schemas']['UserProfile'];

type Status = 'loading' | 'signedIn' | 'signedOut';

interface Auth {
  status: Status;
  user: UserProfile | null;
  /** Keeps the tokens of a completed sign-in and loads the person's profile. */
  completeSignIn: (tokens: IssuedTokens) => Promise<void>;
  /** Ends the session here; `farewell` is what the sign-in page then tells the person (the account's deletion date). */
  signOut: (farewell?: string) => Promise<void>;
  /** The sentence the last sign-out left for the sign-in page, until the next sign-in. */
  farewell: string | null;
  /** Takes a fresher profile (after saving it, or confirming the address): language and time zone follow at once. */
  acceptProfile: (profile: UserProfile) => void;
  isAdministrator: boolean;
  /** Signed in on this device, but the server was out of reach at start: the app shows what was saved. */
  offline: boolean;
}

const AuthContext = createContext<Auth | null>(null);

async function loadProfile(): Promise<UserProfile> {
  return unwrap(api.GET('/api/v1/users/me'));
}

/** Offline: the profile the service worker saved, if it is the person last signed in on this device. */
async function savedProfile(): Promise<UserProfile | null> {
  const expected = lastSignedIn();
  const profile = expected ? await loadProfile().catch(() => null) : null;
  return profile?.id === expected ? profile : null;
}

/** `restoreSession` false starts signed out without asking the server (tests that are not about signing in). */
export function AuthProvider({ children, restoreSession = true }: { children: ReactNode; restoreSession?: boolean }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>(restoreSession ? 'loading' : 'signedOut');
  const [user, setUser] = useState<UserProfile | null>(null);

  const [offline, setOffline] = useState(false);
  const [farewell, setFarewell] = useState<string | null>(null);

  // On start, a refresh cookie from an earlier visit quietly restores the session; offline, the saved copy stands in.
  useEffect(() => {
    if (!restoreSession) {
      return;
    }
    const effect = { cancelled: false };
    void (async () => {
      const outcome = hasSignInHint() ? await restore() : 'signedOut';
      const profile =
        outcome === 'restored' ? await loadProfile().catch(() => null) : outcome === 'unreachable' ? await savedProfile() : null;
      if (!effect.cancelled) {
        setUser(profile);
        setOffline(outcome === 'unreachable' && profile !== null);
        setStatus(profile ? 'signedIn' : 'signedOut');
      }
    })();
    return () => {
      effect.cancelled = true;
    };
  }, [restoreSession]);

  // Back online after an offline start: restore the real session, then load fresh data (or sign out if it ended).
  useEffect(() => {
    if (!offline) {
      return;
    }
    const reconnect = () => {
      void restore().then((outcome) => {
        if (outcome === 'restored') {
          setOffline(false);
          void queryClient.invalidateQueries();
        }
      });
    };
    window.addEventListener('online', reconnect);
    return () => {
      window.removeEventListener('online', reconnect);
    };
  }, [offline, queryClient]);

  useEffect(() => {
    if (user) {
      rememberSignedIn(user.id);
    }
  }, [user]);

  // A refresh that fails later (session revoked elsewhere) signs the person out here too.
  useEffect(
    () =>
      onSessionChange(() => {
        if (!currentAccessToken()) {
          void forgetSavedData();
          forgetFocus();
          rememberSignedIn(null);
          setOffline(false);
          setUser(null);
          setStatus((previous) => (previous === 'loading' ? previous : 'signedOut'));
        }
      }),
    [],
  );

  const completeSignIn = useCallback(async (tokens: IssuedTokens) => {
    // Whoever used this device before, nothing of theirs stays readable offline.
    await forgetSavedData();
    forgetFocus();
    acceptTokens(tokens);
    const profile = await loadProfile();
    setFarewell(null);
    setUser(profile);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async (leaving?: string) => {
    setFarewell(leaving ?? null);
    await endSession();
    await forgetSavedData();
    forgetFocus();
    rememberSignedIn(null);
    queryClient.clear();
    setUser(null);
    setStatus('signedOut');
  }, [queryClient]);

  const acceptProfile = useCallback((profile: UserProfile) => {
    setUser((previous) => (previous && previous.id === profile.id ? profile : previous));
  }, []);

  const value = useMemo<Auth>(
    () => ({
      status,
      user,
      completeSignIn,
      signOut,
      farewell,
      acceptProfile,
      isAdministrator: user?.roles.includes('administrator') ?? false,
      offline,
    }),
    [status, user, completeSignIn, signOut, farewell, acceptProfile, offline],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth needs an <AuthProvider> above it.');
  }
  return auth;
}
