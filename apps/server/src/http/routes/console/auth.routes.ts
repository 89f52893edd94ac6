import { loginRequestSchema, sessionResponseSchema } from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuthErrors } from '../../../modules/auth/auth.errors';
import { SESSION_TTL_MS } from '../../../modules/auth/auth.service';
import type { Services } from '../../../services';
import { SESSION_COOKIE } from './console-auth';

/** Login, logout and "who am I" for the console. */
export async function authRoutes(app: FastifyInstance, opts: { services: Services; secureCookies: boolean }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: sessionResponseSchema } } },
    async (request, reply) => {
      const { user, sessionToken, csrfToken } = await services.auth.login(
        request.body.username,
        request.body.password,
        request.ip,
      );
      void reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { user, csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    { schema: { tags: ['auth'], response: { 200: z.object({ ok: z.boolean() }) } } },
    async (request, reply) => {
      await services.auth.logout(request.cookies[SESSION_COOKIE]);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get('/auth/me', { schema: { tags: ['auth'], response: { 200: sessionResponseSchema } } }, async (request) => {
    const session = await services.auth.session(request.cookies[SESSION_COOKIE]);
    if (!session) throw AuthErrors.unauthenticated();
    return session;
  });
}
