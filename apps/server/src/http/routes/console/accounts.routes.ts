import { accountViewSchema, createAccountRequestSchema, updateAccountRequestSchema } from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../services';
import { accountOf, requirePermission, userOf } from './console-auth';
import { presentAccount } from './present';

const appidParams = z.object({ appid: z.string().max(32) });

/** Accounts of the user's organisation: list, create, profile, credentials. */
export async function accountRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const view = async (account: Parameters<typeof presentAccount>[0]) =>
    presentAccount(account, await services.followers.countSubscribed(account.id));

  r.get(
    '/accounts',
    {
      preHandler: requirePermission(services, 'accounts.read'),
      schema: { tags: ['accounts'], response: { 200: z.object({ accounts: z.array(accountViewSchema) }) } },
    },
    async (request) => {
      const accounts = await services.accounts.listForOrganisation(userOf(request).organisationId);
      return { accounts: await Promise.all(accounts.map(view)) };
    },
  );

  r.post(
    '/accounts',
    {
      preHandler: requirePermission(services, 'accounts.manage'),
      schema: {
        tags: ['accounts'],
        body: createAccountRequestSchema,
        response: { 200: z.object({ account: accountViewSchema, secret: z.string() }) },
      },
    },
    async (request) => {
      const { account, secret } = await services.accounts.create({
        ...request.body,
        organisationId: userOf(request).organisationId,
      });
      return { account: await view(account), secret };
    },
  );

  r.get(
    '/accounts/:appid',
    {
      preHandler: requirePermission(services, 'accounts.read'),
      schema: { tags: ['accounts'], params: appidParams, response: { 200: z.object({ account: accountViewSchema }) } },
    },
    async (request) => ({ account: await view(await accountOf(services, request, request.params.appid)) }),
  );

  r.patch(
    '/accounts/:appid',
    {
      preHandler: requirePermission(services, 'accounts.manage'),
      schema: {
        tags: ['accounts'],
        params: appidParams,
        body: updateAccountRequestSchema,
        response: { 200: z.object({ account: accountViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { account: await view(await services.accounts.updateProfile(account.id, request.body)) };
    },
  );

  r.post(
    '/accounts/:appid/secret',
    {
      preHandler: requirePermission(services, 'accounts.credentials'),
      schema: { tags: ['accounts'], params: appidParams, response: { 200: z.object({ secret: z.string() }) } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const secret = await services.accounts.resetSecret(account.id);
      // A new secret retires every token minted with the old one.
      await services.tokens.revokeAll(account.id);
      return { secret };
    },
  );
}
