import { useMatch } from 'react-router';

const STORAGE_KEY = 'gzh.console.appid';

/** Sections of an account, each a route `/accounts/:appid/<section>`. */
export const ACCOUNT_SECTIONS = [
  'profile',
  'credentials',
  'developer',
  'followers',
  'tags',
  'menus',
  'replies',
  'materials',
  'articles',
  'broadcasts',
  'templates',
  'deliveries',
] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];

export function isAccountSection(value: string | undefined): value is AccountSection {
  return (ACCOUNT_SECTIONS as readonly string[]).includes(value ?? '');
}

/** The account the operator last worked on, so pages outside an account keep the switcher filled. */
export function lastAppid(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberAppid(appid: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, appid);
  } catch {
    // storage unavailable: the switcher simply starts empty next time
  }
}

/**
 * The account and section in the URL (`/accounts/:appid/:section`), read with `useMatch` so the
 * layout, which sits above the account routes, sees them too.
 */
export function useRouteAccount(): { appid: string | null; section: AccountSection | null } {
  const match = useMatch('/accounts/:appid/*');
  const appid = match?.params.appid ?? null;
  const rest = match?.params['*']?.split('/')[0];
  return { appid, section: isAccountSection(rest) ? rest : null };
}
