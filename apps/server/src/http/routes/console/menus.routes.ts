import { menuViewSchema } from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';

/**
 * The account's menus for the console: view (in `menu/get` shape), and the visual editor's save
 * and delete, which go through the same validation as `menu/create`.
 */
export async function menuRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ appid: z.string().max(32) });

  r.put(
    '/accounts/:appid/menus',
    {
      preHandler: requirePermission(services, 'menus.write'),
      schema: { tags: ['menus'], params, body: z.object({ button: z.array(z.unknown()) }), response: { 200: menuViewSchema } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.menus.create(account.id, request.body.button);
      return services.menus.view(account.id);
    },
  );

  r.delete(
    '/accounts/:appid/menus',
    {
      preHandler: requirePermission(services, 'menus.write'),
      schema: { tags: ['menus'], params, response: { 200: menuViewSchema } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.menus.delete(account.id);
      return services.menus.view(account.id);
    },
  );

  r.get(
    '/accounts/:appid/menus',
    {
      preHandler: requirePermission(services, 'menus.read'),
      schema: { tags: ['menus'], params: z.object({ appid: z.string().max(32) }), response: { 200: menuViewSchema } },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return services.menus.view(account.id);
    },
  );
}
