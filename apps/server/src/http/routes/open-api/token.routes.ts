import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';

/** `cgi-bin/token` and `cgi-bin/stable_token` (spec §1.1–1.2). Success bodies carry no errcode. */
export const tokenRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/token',
    auth: 'none',
    ok: false,
    handler: async ({ services, query, clientIp }) =>
      services.tokens.issue({ grantType: query.grant_type, appid: query.appid, secret: query.secret, clientIp }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/stable_token',
    auth: 'none',
    ok: false,
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      return ctx.services.tokens.issueStable({
        grantType: str(body.grant_type),
        appid: str(body.appid),
        secret: str(body.secret),
        forceRefresh: body.force_refresh === true || body.force_refresh === 'true',
        clientIp: ctx.clientIp,
      });
    },
  }),
];
