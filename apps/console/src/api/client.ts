import type { ApiError } from '@gzh/contracts';

/** Prefix of every console API path; the SPA and the API share one origin. */
export const API_BASE = '/api/console';

/**
 * A failed console API call. `message` is the server's human-readable message (safe to show to
 * the operator); `code` is the stable error code for branching; `status` is the HTTP status
 * (0 when the request never reached the server).
 */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string | null = null,
    readonly details: Record<string, unknown> | undefined = undefined,
  ) {
    super(message);
  }
}

/** True for errors that mean "no valid session": the UI then goes back to the login page. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

/** The text to show the operator for any thrown value, never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Unexpected error';
}

// The CSRF token lives in memory only: it comes with the session (login or /auth/me) and is lost
// on reload, when /auth/me hands it out again. Keeping it out of storage limits what XSS can read.
let csrfToken: string | null = null;

/** Remembers the CSRF token that must accompany every non-GET request of this session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Query-string values; `undefined`, `null` and '' are left out so filters can be passed as-is. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query` skipping empty values. Exported for the follower filters and for tests. */
export function buildPath(path: string, query?: QueryParams): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

function isApiErrorBody(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Turns a non-2xx response into an {@link ApiRequestError}, whatever its body looks like. */
export async function toRequestError(response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Proxies and crashed upstreams answer with HTML or nothing; fall through to the status text.
  }
  if (isApiErrorBody(body)) {
    const { code, message, requestId, details } = body.error;
    return new ApiRequestError(message, response.status, code, requestId, details);
  }
  const text = response.statusText || `HTTP ${response.status}`;
  return new ApiRequestError(text, response.status, `http_${response.status}`);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the console API and returns the parsed JSON body (or `undefined` for 204). Sends the
 * session cookie, adds the CSRF header to every non-GET request, and throws
 * {@link ApiRequestError} for network failures and 4xx/5xx answers.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown, query?: QueryParams): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + buildPath(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiRequestError(errorMessage(cause), 0, 'network_error');
  }
  if (!response.ok) throw await toRequestError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // An HTML answer here means the route is unknown to the server (the SPA fallback caught it).
    throw new ApiRequestError(`Unexpected non-JSON answer from ${path}`, response.status, 'bad_response');
  }
}

/**
 * Uploads a form as `multipart/form-data` (the browser writes the boundary), with the session
 * cookie and CSRF header like {@link apiRequest}, and the same errors.
 */
export async function apiUpload<T>(path: string, form: FormData, query?: QueryParams): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(API_BASE + buildPath(path, query), {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: form,
    });
  } catch (cause) {
    throw new ApiRequestError(errorMessage(cause), 0, 'network_error');
  }
  if (!response.ok) throw await toRequestError(response);
  return (await response.json()) as T;
}

/** Shorthands that read like the API summary. */
export const api = {
  get: <T>(path: string, query?: QueryParams) => apiRequest<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

/** Encodes a path segment (AppIDs and OpenIDs are URL-safe today, but tag names and future ids may not be). */
export const seg = (value: string | number): string => encodeURIComponent(String(value));
