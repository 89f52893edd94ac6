import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { accountRoutes } from './accounts.routes';
import { authRoutes } from './auth.routes';
import { conversationConsoleRoutes } from './conversation.routes';
import { followerRoutes } from './followers.routes';
import { menuRoutes } from './menus.routes';
import { systemRoutes } from './system.routes';

/** Every console API route (mounted under `/api/console`). */
export async function consoleRoutes(app: FastifyInstance, opts: { services: Services; secureCookies: boolean }): Promise<void> {
  await authRoutes(app, opts);
  await accountRoutes(app, opts);
  await followerRoutes(app, opts);
  await menuRoutes(app, opts);
  await conversationConsoleRoutes(app, opts);
  await systemRoutes(app, opts);
}
