/** An account as the admin API answers it, for the administration pages' tests. */
export function account(overrides: Record<string, unknown> = {}) {
  return {
    id: '7d7c6a9e-0000-4000-8000-000000000001',
    email: 'robin@example.test',
    emailConfirmed: true,
    displayName: 'Robin',
    timeZone: 'Europe/Paris',
    locale: 'fr',
    roles: ['user'],
    mfaEnabled: false,
    isActive: true,
    createdAt: '2026-11-02T09:30:00Z',
    lastLoginAt: null,
    lockedOutUntil: null,
    passwordResetRequired: false,
    ...overrides,
  };
}
