import { hostOwnedPaths, isCachedApiRequest } from './caching';

const origin = 'https://assistant.example';
const cached = (method: string, path: string) => isCachedApiRequest(method, new URL(path, origin), origin);

describe('what the service worker keeps for offline reading', () => {
  it('keeps the GETs Today reads and the signed-in profile', () => {
    expect(cached('GET', '/api/v1/users/me')).toBe(true);
    expect(cached('GET', '/api/v1/tasks?view=today&pageSize=100')).toBe(true);
    expect(cached('GET', '/api/v1/tasks/next')).toBe(true);
    expect(cached('GET', '/api/v1/reminders?status=active')).toBe(true);
    expect(cached('GET', '/api/v1/events?from=a&to=b')).toBe(true);
  });

  it('never keeps auth endpoints, writes, other API paths or other origins', () => {
    expect(cached('POST', '/api/v1/auth/refresh')).toBe(false);
    expect(cached('GET', '/api/v1/auth/sessions')).toBe(false);
    expect(cached('POST', '/api/v1/tasks')).toBe(false);
    expect(cached('GET', '/api/v1/tasks/123')).toBe(false);
    expect(cached('GET', '/api/v1/notes')).toBe(false);
    expect(cached('GET', '/api/v1/users/me/export')).toBe(false);
    expect(isCachedApiRequest('GET', new URL('https://elsewhere.example/api/v1/tasks'), origin)).toBe(false);
  });

  it('leaves navigations to the host’s own pages to the network', () => {
    for (const path of ['/api/v1/x', '/health/ready', '/openapi/v1.json', '/docs', '/hubs/assistant']) {
      expect(hostOwnedPaths.some((pattern) => pattern.test(path))).toBe(true);
    }
    for (const path of ['/', '/tasks', '/documents', '/apiary']) {
      expect(hostOwnedPaths.some((pattern) => pattern.test(path))).toBe(false);
    }
  });
});
