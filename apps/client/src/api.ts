import type {
  BroadcastView,
  CreatePersonRequest,
  FollowResponse,
  MenuActionRequest,
  MessageView,
  NoticeSetting,
  PersonSession,
  PersonView,
  PublicAccount,
  ScanRequest,
  SendMessageRequest,
} from '@gzh/contracts';
import { currentToken } from './session';

/** Where the follower API lives; the client is served by the same gzh server. */
export const API_BASE = '/api/follower';

/** A button of WeChat's menu JSON: a parent (`name` + `sub_button`) or a leaf with a `type`. */
export interface MenuButton {
  name: string;
  type?: string;
  key?: string;
  url?: string;
  sub_button?: MenuButton[];
}

/** A failed API call, carrying the server's error code and a message fit for a toast. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The message to show for anything thrown by an API call (or by anything else). */
export function errorMessage(err: unknown): string {
  if (err instanceof RequestError) return err.message;
  if (err instanceof Error && err.name === 'AbortError') return '请求已取消';
  return '网络异常，请稍后重试';
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Registers what to do when the server rejects the session token (sign the person out). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

function readError(body: unknown, status: number): RequestError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const e = error as Record<string, unknown>;
      const message = typeof e.message === 'string' && e.message ? e.message : `请求失败 (${status})`;
      const code = typeof e.code === 'string' ? e.code : 'unknown';
      const requestId = typeof e.requestId === 'string' ? e.requestId : null;
      return new RequestError(message, status, code, requestId);
    }
    if (typeof error === 'string' && error) return new RequestError(error, status, 'unknown');
  }
  return new RequestError(`请求失败 (${status})`, status, 'unknown');
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (options.signal) init.signal = options.signal;
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }

  const response = await fetch(API_BASE + path, init);
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const error = readError(body, response.status);
    if (response.status === 401 && token) onUnauthorized?.();
    throw error;
  }
  if (body === null) throw new RequestError('服务器返回了无法识别的数据', response.status, 'bad_response');
  return body as T;
}

function query(q: string): string {
  return q ? `?q=${encodeURIComponent(q)}` : '';
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

/** Typed calls of the follower API (`/api/follower/...`). */
export const api = {
  createPerson: (input: CreatePersonRequest) => request<PersonSession>('POST', '/persons', { body: input }),
  listPersons: (q: string, signal?: AbortSignal) =>
    request<{ persons: PersonView[] }>('GET', `/persons${query(q)}`, signal ? { signal } : {}),
  pickPerson: (id: string) => request<PersonSession>('POST', `/persons/${seg(id)}/session`),
  me: () => request<{ person: PersonView }>('GET', '/me'),
  searchAccounts: (q: string, signal?: AbortSignal) =>
    request<{ accounts: PublicAccount[] }>('GET', `/accounts${query(q)}`, signal ? { signal } : {}),
  account: (appid: string) => request<{ account: PublicAccount }>('GET', `/accounts/${seg(appid)}`),
  follow: (appid: string) => request<FollowResponse>('POST', `/accounts/${seg(appid)}/follow`),
  unfollow: (appid: string) => request<{ account: PublicAccount }>('POST', `/accounts/${seg(appid)}/unfollow`),
  scan: (input: ScanRequest) => request<FollowResponse>('POST', '/scan', { body: input }),
  follows: () => request<{ accounts: PublicAccount[] }>('GET', '/follows'),
  /** A page of a conversation, oldest first; `before` pages back from a message id. */
  messages: (appid: string, before?: number, limit = 50) =>
    request<{ messages: MessageView[] }>(
      'GET',
      `/accounts/${seg(appid)}/messages?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
    ),
  send: (appid: string, body: SendMessageRequest) =>
    request<{ message: MessageView }>('POST', `/accounts/${seg(appid)}/messages`, { body }),
  menu: (appid: string) =>
    request<{ menu: { menuid: string; button: MenuButton[] } | null }>('GET', `/accounts/${seg(appid)}/menu`),
  reportLocation: (appid: string, at: { latitude: number; longitude: number; precision: number }) =>
    request<{ reported: boolean }>('POST', `/accounts/${seg(appid)}/location`, { body: at }),
  /** Broadcasts from every followed account, newest first; `before` pages back from a broadcast id. */
  broadcasts: (before?: number, limit = 50) =>
    request<{ broadcasts: BroadcastView[] }>(
      'GET',
      `/broadcasts?limit=${limit}${before === undefined ? '' : `&before=${before}`}`,
    ),
  clickMenu: (appid: string, action: MenuActionRequest) =>
    request<{ url: string | null }>('POST', `/accounts/${seg(appid)}/menu/click`, { body: action }),
  /** Whether the person refuses the account's template notices. */
  notices: (appid: string) => request<NoticeSetting>('GET', `/accounts/${seg(appid)}/notices`),
  setNotices: (appid: string, blocked: boolean) =>
    request<NoticeSetting>('POST', `/accounts/${seg(appid)}/notices`, { body: { blocked } }),
};
