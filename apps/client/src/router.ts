import { useCallback, useEffect, useState } from 'react';

/**
 * A tiny hash router (`#/discover`, `#/account/wx…`): screens are addressable and the browser's
 * back button works, without shipping a routing library in a bundle meant to stay small.
 */

export type TabName = 'chats' | 'contacts' | 'discover' | 'me';

export type Route =
  | { name: 'chats' }
  | { name: 'contacts' }
  | { name: 'discover'; q: string }
  | { name: 'me' }
  | { name: 'scan' }
  | { name: 'account'; appid: string }
  | { name: 'chat'; appid: string }
  /** The 订阅号消息 folder: subscription accounts' broadcasts. */
  | { name: 'subscriptions' };

export const TABS: readonly TabName[] = ['chats', 'contacts', 'discover', 'me'];

export function isTab(route: Route): boolean {
  return (TABS as readonly string[]).includes(route.name);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Reads a route from a location hash; anything unknown is the chat list. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const mark = raw.indexOf('?');
  const path = mark < 0 ? raw : raw.slice(0, mark);
  const search = mark < 0 ? '' : raw.slice(mark + 1);
  const parts = path.split('/').filter(Boolean).map(decode);
  const [head, arg] = parts;
  switch (head) {
    case 'contacts':
      return { name: 'contacts' };
    case 'discover':
      return { name: 'discover', q: new URLSearchParams(search).get('q') ?? '' };
    case 'me':
      return { name: 'me' };
    case 'scan':
      return { name: 'scan' };
    case 'subscriptions':
      return { name: 'subscriptions' };
    case 'account':
      return arg ? { name: 'account', appid: arg } : { name: 'contacts' };
    case 'chat':
      return arg ? { name: 'chat', appid: arg } : { name: 'chats' };
    default:
      return { name: 'chats' };
  }
}

/** Writes a route as a location hash (the inverse of `parseHash`). */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'discover':
      return route.q ? `#/discover?q=${encodeURIComponent(route.q)}` : '#/discover';
    case 'account':
    case 'chat':
      return `#/${route.name}/${encodeURIComponent(route.appid)}`;
    default:
      return `#/${route.name}`;
  }
}

interface HistoryState {
  gzhDepth: number;
}

function currentDepth(): number {
  const state: unknown = window.history.state;
  if (typeof state === 'object' && state !== null && 'gzhDepth' in state) {
    const depth = (state as HistoryState).gzhDepth;
    return typeof depth === 'number' ? depth : 0;
  }
  return 0;
}

export interface Navigation {
  route: Route;
  /** Opens a screen; `replace` swaps the current one (tab switches, search refinements). */
  navigate: (route: Route, options?: { replace?: boolean }) => void;
  /** Goes back in the app's own history, or to `fallback` when the app was opened here. */
  back: (fallback: Route) => void;
}

/** The current route and the ways to change it. */
export function useHashRoute(): Navigation {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));

  useEffect(() => {
    const sync = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('popstate', sync);
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener('popstate', sync);
      window.removeEventListener('hashchange', sync);
    };
  }, []);

  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const url = window.location.pathname + window.location.search + formatRoute(next);
    if (options.replace) {
      window.history.replaceState({ gzhDepth: currentDepth() } satisfies HistoryState, '', url);
    } else {
      window.history.pushState({ gzhDepth: currentDepth() + 1 } satisfies HistoryState, '', url);
    }
    setRoute(next);
  }, []);

  const back = useCallback(
    (fallback: Route) => {
      if (currentDepth() > 0) window.history.back();
      else navigate(fallback, { replace: true });
    },
    [navigate],
  );

  return { route, navigate, back };
}
