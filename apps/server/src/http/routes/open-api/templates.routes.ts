import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';

/** `get_industry` before any industry is set: WeChat's keys with empty names, so SDK parsers still find them. */
const NO_INDUSTRY = { first_class: '', second_class: '' };

/**
 * Template notices (spec/api-catalog.md §3.3), for service accounts: industries, private
 * templates and `message/template/send`. Every answer carries `errcode: 0` (WxJava reads it on
 * `api_add_template` and send); `msgid` is a JSON number below 2^53.
 */
export const templateRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/template/api_set_industry',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      await ctx.services.templates.setIndustry(ctx.accountId, body.industry_id1, body.industry_id2);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/template/get_industry',
    handler: async (ctx) => {
      const pair = await ctx.services.templates.getIndustry(ctx.accountId);
      if (!pair) return { primary_industry: NO_INDUSTRY, secondary_industry: NO_INDUSTRY };
      return {
        primary_industry: { first_class: pair.primary.firstClass, second_class: pair.primary.secondClass },
        secondary_industry: { first_class: pair.secondary.firstClass, second_class: pair.secondary.secondClass },
      };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/template/api_add_template',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const templateId = await ctx.services.templates.addTemplate(ctx.accountId, body.template_id_short, body.keyword_name_list);
      return { template_id: templateId };
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/template/get_all_private_template',
    handler: async (ctx) => ({
      template_list: (await ctx.services.templates.listTemplates(ctx.accountId)).map((t) => ({
        template_id: t.templateId,
        title: t.title,
        primary_industry: t.primaryIndustry,
        deputy_industry: t.deputyIndustry,
        content: t.content,
        example: t.example,
      })),
    }),
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/template/del_private_template',
    handler: async (ctx) => {
      await ctx.services.templates.deleteTemplate(ctx.accountId, jsonBody(ctx).template_id);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/message/template/send',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      const { msgid } = await ctx.services.templates.send(ctx.accountId, {
        touser: body.touser,
        templateId: body.template_id,
        url: body.url,
        miniprogram: body.miniprogram,
        clientMsgId: body.client_msg_id,
        data: body.data,
      });
      // Below 2^53 by construction, so the JSON number is exact for every SDK.
      return { msgid: Number(msgid) };
    },
  }),
];
