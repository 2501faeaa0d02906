import { request, type FullConfig } from '@playwright/test';
import { administrator } from './specs/fixtures';

/**
 * Creates the instance's administrator before any spec runs: the first account of a fresh instance becomes
 * administrator, and specs that must read what the instance would have sent (an SMS code in the outbox) sign in as it.
 * Registering answers the same when the account already exists, so a host kept from an earlier run is fine.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post('/api/v1/auth/register', {
      data: { email: administrator.email, password: administrator.password, displayName: 'Admin', timeZone: 'UTC', locale: 'en' },
    });
    if (!response.ok()) {
      throw new Error(`Registering the e2e administrator answered ${String(response.status())}: ${await response.text()}`);
    }
  } finally {
    await api.dispose();
  }
}
