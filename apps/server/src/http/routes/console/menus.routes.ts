import { menuViewSchema } from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';

/** The account's menus, in `menu/get` shape, for the console's menu view. */
export async function menuRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  app.withTypeProvider<ZodTypeProvider>().get(
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
