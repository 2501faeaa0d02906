import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { forgetSavedData } from '../pwa/registerWorker';
import {
  acceptTokens,
  currentAccessToken,
  onSessionChange,
  refreshSession,
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
  signOut: () => Promise<void>;
  /** Takes a fresher profile (after saving it, or confirming the address): language and time zone follow at once. */
  acceptProfile: (profile: UserProfile) => void;
  isAdministrator: boolean;
}

const AuthContext = createContext<Auth | null>(null);

async function loadProfile(): Promise<UserProfile> {
  return unwrap(api.GET('/api/v1/users/me'));
}

/** `restoreSession` false starts signed out without asking the server (tests that are not about signing in). */
export function AuthProvider({ children, restoreSession = true }: { children: ReactNode; restoreSession?: boolean }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>(restoreSession ? 'loading' : 'signedOut');
  const [user, setUser] = useState<UserProfile | null>(null);

  // On start, a refresh cookie from an earlier visit quietly restores the session.
  useEffect(() => {
    if (!restoreSession) {
      return;
    }
    const effect = { cancelled: false };
    void (async () => {
      // The server sets this script-readable hint (no secret in it) next to the httpOnly refresh cookie.
      const restored = document.cookie.split('; ').includes('pa_signed_in=1') && (await refreshSession());
      const profile = restored ? await loadProfile().catch(() => null) : null;
      if (!effect.cancelled) {
        setUser(profile);
        setStatus(profile ? 'signedIn' : 'signedOut');
      }
    })();
    return () => {
      effect.cancelled = true;
    };
  }, [restoreSession]);

  // A refresh that fails later (session revoked elsewhere) signs the person out here too.
  useEffect(
    () =>
      onSessionChange(() => {
        if (!currentAccessToken()) {
          void forgetSavedData();
          setUser(null);
          setStatus((previous) => (previous === 'loading' ? previous : 'signedOut'));
        }
      }),
    [],
  );

  const completeSignIn = useCallback(async (tokens: IssuedTokens) => {
    // Whoever used this device before, nothing of theirs stays readable offline.
    await forgetSavedData();
    acceptTokens(tokens);
    const profile = await loadProfile();
    setUser(profile);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async () => {
    await endSession();
    await forgetSavedData();
    queryClient.clear();
    setUser(null);
    setStatus('signedOut');
  }, [queryClient]);

  const acceptProfile = useCallback((profile: UserProfile) => {
    setUser((previous) => (previous && previous.id === profile.id ? profile : previous));
  }, []);

  const value = useMemo<Auth>(
    () => ({ status, user, completeSignIn, signOut, acceptProfile, isAdministrator: user?.roles.includes('administrator') ?? false }),
    [status, user, completeSignIn, signOut, acceptProfile],
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
