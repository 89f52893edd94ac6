import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';

/** Customer-service messages inside the follower's window (spec §3.1–3.2). */
export const customMessageRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/custom/send',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.customMessages.send(ctx.accountId, { touser: body.touser, msgtype: body.msgtype, payload: body });
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/custom/typing',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.customMessages.typing(ctx.accountId, body.touser, body.command);
      return {};
    },
  }),
];
