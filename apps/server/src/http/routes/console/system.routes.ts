import {
  apiKeyViewSchema,
  clockActionSchema,
  clockStateSchema,
  consoleUserSchema,
  createUserRequestSchema,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuthErrors } from '../../../modules/auth/auth.errors';
import type { Services } from '../../../services';
import { requirePermission, userOf } from './console-auth';

/** Sandbox clock, console users and API keys. */
export async function systemRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/clock',
    {
      preHandler: requirePermission(services, 'accounts.read'),
      schema: { tags: ['sandbox'], response: { 200: clockStateSchema } },
    },
    () => services.clockControl.view(),
  );

  r.post(
    '/clock',
    {
      preHandler: requirePermission(services, 'sandbox.clock'),
      schema: { tags: ['sandbox'], body: clockActionSchema, response: { 200: clockStateSchema } },
    },
    (request) => services.clockControl.apply(request.body.action, { by: request.body.by, to: request.body.to }),
  );

  r.get(
    '/users',
    {
      preHandler: requirePermission(services, 'users.manage'),
      schema: { tags: ['users'], response: { 200: z.object({ users: z.array(consoleUserSchema) }) } },
    },
    async (request) => ({ users: await services.auth.listUsers(userOf(request).organisationId) }),
  );

  r.post(
    '/users',
    {
      preHandler: requirePermission(services, 'users.manage'),
      schema: { tags: ['users'], body: createUserRequestSchema, response: { 200: z.object({ user: consoleUserSchema }) } },
    },
    async (request) => {
      const actor = userOf(request);
      // Only an owner may create another owner.
      if (request.body.role === 'owner' && actor.role !== 'owner') throw AuthErrors.forbidden('users.owner');
      return { user: await services.auth.createUser({ ...request.body, organisationId: actor.organisationId }) };
    },
  );

  r.get(
    '/api-keys',
    {
      preHandler: requirePermission(services, 'apikeys.manage'),
      schema: { tags: ['api keys'], response: { 200: z.object({ apiKeys: z.array(apiKeyViewSchema) }) } },
    },
    async (request) => ({ apiKeys: await services.auth.listApiKeys(userOf(request).organisationId) }),
  );

  r.post(
    '/api-keys',
    {
      preHandler: requirePermission(services, 'apikeys.manage'),
      schema: {
        tags: ['api keys'],
        body: z.object({ name: z.string() }),
        response: { 200: z.object({ key: z.string(), apiKey: apiKeyViewSchema }) },
      },
    },
    async (request) => {
      const { key, view } = await services.auth.createApiKey(userOf(request), request.body.name);
      return { key, apiKey: view };
    },
  );

  r.delete(
    '/api-keys/:id',
    {
      preHandler: requirePermission(services, 'apikeys.manage'),
      schema: {
        tags: ['api keys'],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request) => {
      await services.auth.revokeApiKey(userOf(request).organisationId, request.params.id);
      return { ok: true };
    },
  );
}
