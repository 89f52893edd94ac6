import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleUser } from '../../../modules/auth/auth.service';
import { AuthErrors } from '../../../modules/auth/auth.errors';
import { can, type Permission } from '../../../modules/auth/permissions';
import type { Account } from '../../../modules/accounts/account.types';
import type { Services } from '../../../services';
import { CommonErrors } from '../../../shared/errors';

export const SESSION_COOKIE = 'gzh_session';

declare module 'fastify' {
  interface FastifyRequest {
    consoleUser?: ConsoleUser;
  }
}

/**
 * Authenticates a console request: `Authorization: Bearer gzh_…` (API key, no CSRF needed since
 * browsers never attach it on their own) or the session cookie, which must be accompanied by the
 * session's `x-csrf-token` on every state-changing request.
 */
export async function authenticateConsole(services: Services, request: FastifyRequest): Promise<ConsoleUser> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const user = await services.auth.authenticateApiKey(header.slice(7).trim());
    if (!user) throw AuthErrors.unauthenticated();
    return user;
  }
  const session = await services.auth.session(request.cookies[SESSION_COOKIE]);
  if (!session) throw AuthErrors.unauthenticated();
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw AuthErrors.csrf();
  }
  return session.user;
}

/** preHandler factory: authenticates and checks one permission. */
export function requirePermission(services: Services, permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const user = await authenticateConsole(services, request);
    if (!can(user.role, permission)) throw AuthErrors.forbidden(permission);
    request.consoleUser = user;
  };
}

/** The user set by {@link requirePermission}. */
export function userOf(request: FastifyRequest): ConsoleUser {
  if (!request.consoleUser) throw AuthErrors.unauthenticated();
  return request.consoleUser;
}

/** Loads an account by AppID and checks it belongs to the user's organisation (404 otherwise). */
export async function accountOf(services: Services, request: FastifyRequest, appid: string): Promise<Account> {
  const account = await services.accounts.getByAppId(appid);
  if (!account || account.organisationId !== userOf(request).organisationId) throw CommonErrors.notFound(`account ${appid}`);
  return account;
}
