import { defineConfig } from '@playwright/test';

// The test script starts the real host and passes its address; these tests never start a server themselves.
const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) {
  throw new Error('E2E_BASE_URL is not set: start the host and pass its URL, e.g. E2E_BASE_URL=http://127.0.0.1:5080');
}

export default defineConfig({
  testDir: './specs',
  // The first account, so the administrator: see global-setup.ts.
  globalSetup: './global-setup.ts',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous: the first request after a cold start (JIT, first connections, the password checker's dictionaries)
  // can take many seconds on a busy two-core machine, and a slow machine must not fail a test.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['junit', { outputFile: process.env.E2E_JUNIT_FILE ?? 'test-results/junit.xml' }]],
  use: {
    baseURL,
    locale: 'en-US',
    colorScheme: 'light',
    actionTimeout: 20_000,
    navigationTimeout: 20_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // No browser download here: drive Debian's chromium.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
