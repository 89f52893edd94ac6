import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash } from './router';
import type { Route } from './router';

describe('hash routes', () => {
  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'chats' },
      { name: 'contacts' },
      { name: 'discover', q: '' },
      { name: 'discover', q: '测试 号&?#' },
      { name: 'me' },
      { name: 'scan' },
      { name: 'account', appid: 'wx0123456789abcdef' },
      { name: 'chat', appid: 'wx0123456789abcdef' },
      { name: 'subscriptions' },
    ];
    for (const route of routes) expect(parseHash(formatRoute(route))).toEqual(route);
  });

  it('falls back to the chat list for empty or unknown hashes', () => {
    expect(parseHash('')).toEqual({ name: 'chats' });
    expect(parseHash('#/')).toEqual({ name: 'chats' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'chats' });
  });

  it('sends incomplete account and chat links to their lists', () => {
    expect(parseHash('#/account')).toEqual({ name: 'contacts' });
    expect(parseHash('#/chat/')).toEqual({ name: 'chats' });
  });

  it('tolerates malformed escapes', () => {
    expect(parseHash('#/account/%E0%A4%A')).toEqual({ name: 'account', appid: '%E0%A4%A' });
  });
});
