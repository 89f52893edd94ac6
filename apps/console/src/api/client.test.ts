import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiRequest, buildPath, setCsrfToken } from './client';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('apiRequest', () => {
  it('sends the CSRF token on writes but not on reads', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('csrf-1');
    await apiRequest('GET', '/accounts');
    await apiRequest('POST', '/accounts', { name: 'a', type: 'service' });
    const headersOf = (i: number) => (fetchMock.mock.calls[i] as unknown as [string, RequestInit])[1].headers;
    expect(headersOf(0)).not.toHaveProperty('x-csrf-token');
    expect(headersOf(1)).toMatchObject({ 'x-csrf-token': 'csrf-1', 'content-type': 'application/json' });
  });

  it('surfaces the server message, code and request id of a 4xx', async () => {
    const body = {
      error: {
        code: 'account.invalid_field',
        message: 'Token must be 3-32 letters or digits',
        requestId: 'r1',
      },
    };
    vi.stubGlobal('fetch', async () => jsonResponse(400, body));
    const error = await apiRequest('PUT', '/accounts/wx/developer', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 400, code: 'account.invalid_field', requestId: 'r1' });
    expect((error as Error).message).toBe('Token must be 3-32 letters or digits');
  });

  it('turns an HTML or network failure into a readable error instead of a crash', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiRequest('GET', '/clock')).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiRequest('GET', '/clock')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});

describe('buildPath', () => {
  it('leaves unset filters out of the query string', () => {
    expect(buildPath('/f', { q: '', tagId: 2, blacklisted: undefined, after: null, limit: 50 })).toBe('/f?tagId=2&limit=50');
  });
});
