import { redactedRequest, redactedUrl } from './logging.module';

describe('the request log', () => {
  it('keeps a path and says a query was there, never what it held', () => {
    expect(redactedUrl('/verify-email?token=abc123')).toBe('/verify-email?[redacted]');
    expect(redactedUrl('/api/v1/calls')).toBe('/api/v1/calls');
  });

  it('drops the query and route parameters and the query of the page that linked here', () => {
    const logged = redactedRequest({
      id: 'r1',
      method: 'GET',
      url: '/password-reset/confirm?token=abc123',
      query: { token: 'abc123' },
      params: { token: 'abc123' },
      headers: { referer: 'https://grants.example.ca/verify-email?token=abc123', 'user-agent': 'test' },
    });
    expect(logged).toEqual({ id: 'r1', method: 'GET', url: '/password-reset/confirm?[redacted]', headers: { referer: 'https://grants.example.ca/verify-email?[redacted]', 'user-agent': 'test' } });
    expect(JSON.stringify(logged)).not.toContain('abc123');
  });
});
