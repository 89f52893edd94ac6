import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services';
import { accountRoutes } from './accounts.routes';
import { articleRoutes } from './articles.routes';
import { authRoutes } from './auth.routes';
import { broadcastConsoleRoutes } from './broadcasts.routes';
import { conversationConsoleRoutes } from './conversation.routes';
import { customMessageRoutes } from './custom-messages.routes';
import { followerRoutes } from './followers.routes';
import { materialRoutes } from './materials.routes';
import { menuRoutes } from './menus.routes';
import { systemRoutes } from './system.routes';
import { templateRoutes } from './templates.routes';

/** Every console API route (mounted under `/api/console`). */
export async function consoleRoutes(app: FastifyInstance, opts: { services: Services; secureCookies: boolean }): Promise<void> {
  await authRoutes(app, opts);
  await accountRoutes(app, opts);
  await followerRoutes(app, opts);
  await menuRoutes(app, opts);
  await materialRoutes(app, opts);
  await articleRoutes(app, opts);
  await conversationConsoleRoutes(app, opts);
  await customMessageRoutes(app, opts);
  await broadcastConsoleRoutes(app, opts);
  await templateRoutes(app, opts);
  await systemRoutes(app, opts);
}
