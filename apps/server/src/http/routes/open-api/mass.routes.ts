import type { Broadcast } from '../../../modules/broadcasts/broadcast.types';
import { defineOpenRoute, jsonBody, type OpenContext, type OpenRoute } from './open-route';

/** The answer to a submitted broadcast: `msg_data_id` only for mpnews (spec §4.1). */
function submitted(b: Broadcast): object {
  return {
    errcode: 0,
    errmsg: 'send job submission success',
    msg_id: b.id,
    ...(b.msgType === 'mpnews' ? { msg_data_id: b.msgDataId ?? b.id } : {}),
  };
}

function sendAll(ctx: OpenContext) {
  const body = jsonBody(ctx);
  const filter = body.filter && typeof body.filter === 'object' ? (body.filter as Record<string, unknown>) : undefined;
  // is_to_all true ignores tag_id (wechatpy sends tag_id null with it); no filter means everyone.
  const toAll = !filter || filter.is_to_all === true || filter.is_to_all === 'true';
  return ctx.services.broadcasts.submit(ctx.accountId, {
    audience: toAll ? { kind: 'all' } : { kind: 'tag', tagId: filter.tag_id ?? filter.group_id },
    msgtype: body.msgtype,
    payload: body,
    clientMsgId: body.clientmsgid,
  });
}

/** Mass send (群发), spec §4. */
export const massRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/sendall',
    ok: false,
    handler: async (ctx) => submitted(await sendAll(ctx)),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/send',
    ok: false,
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const broadcast = await ctx.services.broadcasts.submit(ctx.accountId, {
        audience: { kind: 'list', openids: body.touser },
        msgtype: body.msgtype,
        payload: body,
        clientMsgId: body.clientmsgid,
      });
      return submitted(broadcast);
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/preview',
    ok: false,
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      if (body.towxname !== undefined && body.towxname !== '') ctx.services.broadcasts.refuseWxName();
      const preview = await ctx.services.broadcasts.preview(ctx.accountId, body.touser, { msgtype: body.msgtype, payload: body });
      return { errcode: 0, errmsg: 'preview success', msg_id: preview.id };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/delete',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.broadcasts.delete(ctx.accountId, body.msg_id, body.article_idx);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/get',
    ok: false,
    handler: async (ctx) => {
      const b = await ctx.services.broadcasts.get(ctx.accountId, jsonBody(ctx).msg_id);
      return { msg_id: b.id, msg_status: b.status };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/get',
    ok: false,
    handler: async (ctx) => ctx.services.broadcasts.speed(ctx.accountId),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/mass/speed/set',
    handler: async (ctx) => {
      await ctx.services.broadcasts.setSpeed(ctx.accountId, jsonBody(ctx).speed);
      return {};
    },
  }),
];
