import {
  addTemplateRequestSchema,
  libraryTemplateViewSchema,
  privateTemplateViewSchema,
  sendTemplateRequestSchema,
  setIndustryRequestSchema,
  templateIndustryResponseSchema,
  templatePlaceholders,
  templateSendViewSchema,
  type LibraryTemplateView,
  type PrivateTemplateView,
  type TemplateIndustryResponse,
  type TemplateSendView,
} from '@gzh/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INDUSTRIES } from '../../../modules/templates/industries';
import { industryNames } from '../../../modules/templates/template-library';
import type { LibraryTemplate, PrivateTemplate, TemplateSend } from '../../../modules/templates/template.types';
import type { Services } from '../../../services';
import { accountOf, requirePermission } from './console-auth';

const appidParams = z.object({ appid: z.string().max(32) });

function presentLibrary(entry: LibraryTemplate): LibraryTemplateView {
  const names = industryNames(entry.industryId);
  return { ...entry, primaryIndustry: names.primary, deputyIndustry: names.deputy };
}

function presentTemplate(t: PrivateTemplate): PrivateTemplateView {
  return {
    templateId: t.templateId,
    shortId: t.shortId,
    title: t.title,
    primaryIndustry: t.primaryIndustry,
    deputyIndustry: t.deputyIndustry,
    content: t.content,
    example: t.example,
    keywords: t.keywords,
    placeholders: templatePlaceholders(t.content),
    category: t.keywords.length > 0,
    createdAt: t.createdAt,
  };
}

function presentSend(send: TemplateSend, repeated?: boolean): TemplateSendView {
  return {
    msgid: send.msgid,
    openid: send.openid,
    templateId: send.templateId,
    title: send.notice.title,
    status: send.status,
    ...(repeated === undefined ? {} : { repeated }),
    createdAt: send.createdAt,
  };
}

/**
 * Template notices for operators (the console's Templates page): industries, the library, the
 * private templates, and test sends to a follower through the same service as
 * `message/template/send` (same checks, same TEMPLATESENDJOBFINISH push), without using the open
 * API's daily quota.
 */
export async function templateRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(services, 'templates.read');
  const write = requirePermission(services, 'templates.write');

  const industryView = async (accountId: string): Promise<TemplateIndustryResponse> => {
    const pair = await services.templates.getIndustry(accountId);
    return {
      industries: [...INDUSTRIES],
      primary: pair?.primary ?? null,
      secondary: pair?.secondary ?? null,
      lockedUntil: await services.templates.industryLockedUntil(accountId),
    };
  };

  r.get(
    '/accounts/:appid/templates/industry',
    { preHandler: read, schema: { tags: ['templates'], params: appidParams, response: { 200: templateIndustryResponseSchema } } },
    async (request) => industryView((await accountOf(services, request, request.params.appid)).id),
  );

  r.put(
    '/accounts/:appid/templates/industry',
    {
      preHandler: write,
      schema: {
        tags: ['templates'],
        params: appidParams,
        body: setIndustryRequestSchema,
        response: { 200: templateIndustryResponseSchema.extend({ removed: z.number() }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const { removed } = await services.templates.setIndustry(account.id, request.body.primaryId, request.body.secondaryId);
      return { ...(await industryView(account.id)), removed };
    },
  );

  r.get(
    '/accounts/:appid/templates/library',
    {
      preHandler: read,
      schema: {
        tags: ['templates'],
        params: appidParams,
        querystring: z.object({ industry: z.coerce.number().int().min(1).max(41).optional() }),
        response: { 200: z.object({ templates: z.array(libraryTemplateViewSchema) }) },
      },
    },
    async (request) => {
      await accountOf(services, request, request.params.appid);
      return { templates: services.templates.library(request.query.industry).map(presentLibrary) };
    },
  );

  r.get(
    '/accounts/:appid/templates',
    {
      preHandler: read,
      schema: {
        tags: ['templates'],
        params: appidParams,
        response: { 200: z.object({ templates: z.array(privateTemplateViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { templates: (await services.templates.listTemplates(account.id)).map(presentTemplate) };
    },
  );

  r.post(
    '/accounts/:appid/templates',
    {
      preHandler: write,
      schema: {
        tags: ['templates'],
        params: appidParams,
        body: addTemplateRequestSchema,
        response: { 200: z.object({ template: privateTemplateViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const id = await services.templates.addTemplate(account.id, request.body.shortId, request.body.keywordNames);
      const template = (await services.templates.listTemplates(account.id)).find((t) => t.templateId === id)!;
      return { template: presentTemplate(template) };
    },
  );

  r.delete(
    '/accounts/:appid/templates/:templateId',
    {
      preHandler: write,
      schema: {
        tags: ['templates'],
        params: appidParams.extend({ templateId: z.string().max(64) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.templates.deleteTemplate(account.id, request.params.templateId);
      return { ok: true };
    },
  );

  r.post(
    '/accounts/:appid/templates/send',
    {
      preHandler: write,
      schema: {
        tags: ['templates'],
        params: appidParams,
        body: sendTemplateRequestSchema,
        response: { 200: z.object({ send: templateSendViewSchema }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const body = request.body;
      const { msgid, repeated } = await services.templates.send(account.id, {
        touser: body.openid,
        templateId: body.templateId,
        data: body.data,
        url: body.url,
        miniprogram: body.miniprogram,
        clientMsgId: body.clientMsgId,
      });
      const send = await services.templates.findSend(account.id, msgid);
      return { send: presentSend(send!, repeated) };
    },
  );

  r.get(
    '/accounts/:appid/templates/sends',
    {
      preHandler: read,
      schema: {
        tags: ['templates'],
        params: appidParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ sends: z.array(templateSendViewSchema) }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      return { sends: (await services.templates.recentSends(account.id, request.query.limit)).map((s) => presentSend(s)) };
    },
  );
}
