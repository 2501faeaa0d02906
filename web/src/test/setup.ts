import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Node's Request rejects relative URLs; the browser resolves them against the page. Do the same here,
// so the real API client (base URL '') runs unchanged in tests.
const NodeRequest = globalThis.Request;
class PageRelativeRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
  }
}
globalThis.Request = PageRelativeRequest;

// Signed-in pages are fetched when first opened (lazy routes): the first visit of a page in a test file waits for its
// modules to be transformed, which can take more than the default second on a busy machine. Waiting is not failing.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
