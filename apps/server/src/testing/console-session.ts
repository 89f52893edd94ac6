import type { ConsoleRole } from '../modules/auth/permissions';
import type { TestApp } from './test-context';

/** A logged-in console user: the session cookie and the CSRF token the console sends back. */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

export type ConsoleMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a console call answered: status and parsed JSON body. */
export interface ConsoleAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * Creates one console user per role in `organisation` (username = role) and logs each in through
 * the real login route, as the console does. Returns the sessions by role.
 */
export async function loginRoles<R extends ConsoleRole>(
  t: TestApp,
  organisation: string,
  roles: readonly R[],
  password = 'correct horse',
): Promise<Record<R, ConsoleSession>> {
  const org = await t.services.organisations.ensure(organisation);
  const sessions = {} as Record<R, ConsoleSession>;
  for (const role of roles) {
    await t.services.auth.createUser({ organisationId: org.id, username: role, password, role });
    const login = await t.app.inject({ method: 'POST', url: '/api/console/auth/login', payload: { username: role, password } });
    if (login.statusCode !== 200) throw new Error(`login as ${role} failed: ${login.body}`);
    sessions[role] = {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      csrf: login.json<{ csrfToken: string }>().csrfToken,
    };
  }
  return sessions;
}

/** Calls `/api/console<url>` as one session, with a JSON body when given. */
export async function consoleCall<T = Record<string, unknown>>(
  t: TestApp,
  session: ConsoleSession,
  method: ConsoleMethod,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ConsoleAnswer<T>> {
  const res = await t.app.inject({
    method,
    url: `/api/console${url}`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.json<T>() };
}
