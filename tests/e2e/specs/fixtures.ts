import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

/** Console errors, uncaught exceptions and CSP violations seen while a test ran. */
export interface PageProblems {
  list(): string[];
}

function watch(page: Page): PageProblems {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    } else if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => {
    problems.push(`uncaught: ${error.message}`);
  });
  return { list: () => [...problems] };
}

export const test = base.extend<{ problems: PageProblems }>({
  problems: async ({ page }, use) => {
    const problems = watch(page);
    // Report CSP violations even when the browser does not log them to the console.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    await use(problems);
  },
});

export { expect };

export const expectedProvider = process.env.E2E_EXPECT_PROVIDER ?? 'Sqlite';

/** The instance's administrator, registered first by global-setup.ts. */
export const administrator = { email: 'e2e-admin@example.test', password: 'quiet harbour ledger 83' } as const;

/**
 * The last SMS the instance would have sent to `number`, read from the outbox as the administrator (no SMS provider
 * is configured in these tests, so texts are kept there instead of being delivered).
 */
export async function lastTextTo(request: APIRequestContext, number: string): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { ...administrator, tokenDelivery: 'body' } });
  expect(login.ok(), await login.text()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const outbox = await request.get('/api/v1/admin/outbox', {
    params: { recipient: number, channel: 'sms' },
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(outbox.ok(), await outbox.text()).toBe(true);
  const { items } = (await outbox.json()) as { items: { body: string }[] };
  const last = items[0];
  if (!last) {
    throw new Error(`No text to ${number} in the outbox.`);
  }
  return last.body;
}
