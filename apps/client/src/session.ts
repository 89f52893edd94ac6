import type { PersonSession, PersonView } from '@gzh/contracts';

/**
 * The person this phone is signed in as, kept in localStorage so a reload stays signed in.
 * Sessions used earlier on this device are remembered too, so "switch person" can come back to
 * them even when the server's sandbox person list is off.
 */

export const SESSION_KEY = 'gzh.phone.session';
export const KNOWN_SESSIONS_KEY = 'gzh.phone.sessions';
const MAX_KNOWN = 10;

function isPersonView(value: unknown): value is PersonView {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.id === 'string' && typeof p.nickname === 'string';
}

function isSession(value: unknown): value is PersonSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.token === 'string' && s.token !== '' && isPersonView(s.person);
}

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the session then lasts until the page is closed.
  }
}

/** The stored session, or null when there is none or it is unreadable. */
export function loadSession(): PersonSession | null {
  const value = readJson(SESSION_KEY);
  return isSession(value) ? value : null;
}

/** Stores the session as current and remembers it among this device's sessions. */
export function saveSession(session: PersonSession): void {
  writeJson(SESSION_KEY, session);
  const others = loadKnownSessions().filter((s) => s.person.id !== session.person.id);
  writeJson(KNOWN_SESSIONS_KEY, [session, ...others].slice(0, MAX_KNOWN));
}

/** Signs out of the current person (it stays among the known sessions). */
export function clearSession(): void {
  writeJson(SESSION_KEY, null);
}

/** Forgets a person whose token the server no longer accepts. */
export function forgetSession(personId: string): void {
  const current = loadSession();
  if (current?.person.id === personId) clearSession();
  writeJson(
    KNOWN_SESSIONS_KEY,
    loadKnownSessions().filter((s) => s.person.id !== personId),
  );
}

/** Sessions used on this device, most recent first. */
export function loadKnownSessions(): PersonSession[] {
  const value = readJson(KNOWN_SESSIONS_KEY);
  return Array.isArray(value) ? value.filter(isSession) : [];
}

/** The bearer token of the current session, read fresh so every request uses the latest one. */
export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}
