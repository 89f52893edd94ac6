import { articlePageRoutes } from './article-pages.routes';
import { callbackCheckRoutes } from './callback-check.routes';
import { customMessageRoutes } from './custom-message.routes';
import { draftRoutes } from './drafts.routes';
import { massRoutes } from './mass.routes';
import { mediaRoutes } from './media.routes';
import { menuRoutes } from './menus.routes';
import type { OpenRoute } from './open-route';
import { platformRoutes } from './platform.routes';
import { qrcodeRoutes } from './qrcode.routes';
import { tagRoutes } from './tags.routes';
import { templateRoutes } from './templates.routes';
import { tokenRoutes } from './token.routes';
import { userRoutes } from './users.routes';

/** Every open-API route, in one list (the quota catalogue and docs are derived from it). */
export function allOpenRoutes(): OpenRoute[] {
  const routes: OpenRoute[] = [];
  const known = () => new Set(routes.map((r) => r.path));
  routes.push(
    ...tokenRoutes,
    ...platformRoutes(known),
    ...userRoutes,
    ...tagRoutes,
    ...qrcodeRoutes,
    ...menuRoutes,
    ...callbackCheckRoutes,
    ...draftRoutes,
    ...articlePageRoutes,
    ...templateRoutes,
    ...customMessageRoutes,
    ...massRoutes,
    ...mediaRoutes,
  );
  return routes;
}
