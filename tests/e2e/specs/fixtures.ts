import { test as base, expect, type Page } from '@playwright/test';

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
