import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
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

/** An address no other test uses; `prefix` says which spec made the account when reading the host's log. */
export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${String(Date.now())}-${String(Math.floor(Math.random() * 1e6))}@example.test`;
}

/** The sign-up page's words, in English unless a spec runs in another language. */
export interface SignUpLabels {
  name: string;
  email: string;
  password: string;
  submit: string;
}

const englishSignUp: SignUpLabels = {
  name: 'What should the assistant call you?',
  email: 'Email',
  password: 'Password',
  submit: 'Create my account',
};

/**
 * A new person signs up through the sign-up page and lands on their day ("/"); with `then: 'settings'`, they then
 * open Settings. The address is new unless one is given (`emailPrefix` names the spec in the host's log).
 * Returns the address and password, to sign in again later.
 */
export async function signUp(
  page: Page,
  options: { name?: string; email?: string; emailPrefix?: string; password?: string; labels?: SignUpLabels; then?: 'settings' } = {},
): Promise<{ email: string; password: string }> {
  const labels = options.labels ?? englishSignUp;
  const email = options.email ?? uniqueEmail(options.emailPrefix);
  const password = options.password ?? 'maple orbit lantern 47';
  await page.goto('/register');
  await page.getByLabel(labels.name).fill(options.name ?? 'Robin');
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await expect(page).toHaveURL(/\/$/);
  if (options.then === 'settings') {
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }
  return { email, password };
}

/**
 * Serious and critical WCAG 2.1 AA violations on the page as it settles: colour transitions still running (after a
 * theme switch, say) are waited for first, so axe measures the colours a person sees, not a frame in between.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(() =>
    Promise.allSettled(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** The instance's administrator, registered first by global-setup.ts. */
export const administrator = { email: 'e2e-admin@example.test', password: 'quiet harbour ledger 83' } as const;

/** Signs in through the sign-in page, then goes on to `from` (the app's own redirect) when given. */
export async function signIn(page: Page, account: { email: string; password: string }, from?: string): Promise<void> {
  await page.goto(from ? `/login?from=${from}` : '/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The newest message the instance would have sent to `recipient` (an address or a number) on `channel` (email or sms),
 * read from the outbox as the administrator: no provider is configured in these tests, so messages are kept there.
 * Waits for it, as messages are sent by background jobs.
 */
export async function lastMessageTo(request: APIRequestContext, recipient: string, channel: 'email' | 'sms'): Promise<string> {
  const login = await request.post('/api/v1/auth/login', { data: { ...administrator, tokenDelivery: 'body' } });
  expect(login.ok(), await login.text()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  let body = '';
  await expect
    .poll(async () => {
      const outbox = await request.get('/api/v1/admin/outbox', {
        params: { recipient, channel },
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      expect(outbox.ok(), await outbox.text()).toBe(true);
      body = ((await outbox.json()) as { items: { body: string }[] }).items[0]?.body ?? '';
      return body;
    })
    .not.toBe('');
  return body;
}

/** Confirms `email` with the link of the confirmation email the instance sent to it. */
export async function confirmEmail(request: APIRequestContext, email: string): Promise<void> {
  const link = /https?:\/\/\S*verify-email\?\S+/.exec(await lastMessageTo(request, email, 'email'))?.[0];
  expect(link, 'a confirmation link in the email').toBeDefined();
  const query = new URL(link ?? '').searchParams;
  const response = await request.post('/api/v1/auth/verify-email', { data: { email: query.get('email'), token: query.get('token') } });
  expect(response.status(), await response.text()).toBe(204);
}

/** With E2E_SCREENSHOT_DIR set, keeps a picture of the whole page for a person to look at. */
export async function picture(page: Page, name: string): Promise<void> {
  const directory = process.env.E2E_SCREENSHOT_DIR;
  if (directory) {
    await page.screenshot({ path: `${directory}/${name}.png`, fullPage: true });
  }
}

/** No serious axe violation in light and dark, at 1280 and 360 px wide (pictures of each when asked). */
export async function accessibleInEveryLook(page: Page, name: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), `${name} ${String(width)} ${colorScheme}`).toEqual([]);
      await picture(page, `${name}-${String(width)}-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The 6-digit code an authenticator app shows for a base32 secret, `steps` periods of 30 s from now (RFC 6238). */
export function totp(secret: string, steps = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = (hash[hash.length - 1] ?? 0) & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
