import {
  MATERIAL_FILE_TYPES,
  MATERIAL_TABS,
  materialCountsSchema,
  materialPageSchema,
  materialViewSchema,
  type MaterialView,
} from '@gzh/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MaterialItem } from '../../../modules/media/media.types';
import type { Services } from '../../../services';
import { multipartParser, OVERSIZED_BODY, type ParsedForm } from '../../multipart';
import { UPLOAD_BODY_LIMIT, UPLOAD_DRAIN_LIMIT } from '../open-api/open-api.plugin';
import { accountOf, requirePermission } from './console-auth';

const appidParams = z.object({ appid: z.string().max(32) });

function present(item: MaterialItem): MaterialView {
  return {
    mediaId: item.mediaId,
    type: item.type,
    name: item.name,
    url: item.url,
    contentType: item.contentType,
    size: item.size,
    title: item.title,
    description: item.description,
    articles:
      item.articles?.map((a) => ({
        title: a.title,
        thumbMediaId: a.thumbMediaId,
        thumbUrl: a.thumbUrl,
        author: a.author,
        digest: a.digest,
        contentSourceUrl: a.contentSourceUrl,
      })) ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The form of an upload: parts when the body was multipart, nothing otherwise. */
function formOf(request: FastifyRequest): ParsedForm {
  const body = request.body as ParsedForm | undefined;
  return body && Array.isArray(body.files) ? body : { files: [], fields: {} };
}

/**
 * The material library (素材库) for operators: list by kind, counts, upload of permanent image,
 * voice, video and thumb materials, and deletion. Uploads and deletions go through the same
 * service as `material/add_material` and `del_material` (same formats, limits, capacity and the
 * in-use check), without using the open API's daily quota. Other pages (article covers) upload
 * through the same route.
 */
export async function materialRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(services, 'materials.read');
  const write = requirePermission(services, 'materials.write');

  r.get(
    '/accounts/:appid/materials',
    {
      preHandler: read,
      schema: {
        tags: ['materials'],
        params: appidParams,
        querystring: z.object({
          type: z.enum(MATERIAL_TABS),
          offset: z.coerce.number().int().min(0).default(0),
          count: z.coerce.number().int().min(1).max(20).default(20),
        }),
        response: { 200: materialPageSchema },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      const page = await services.media.listMaterials(account.id, request.query);
      return { total: page.totalCount, items: page.items.map(present) };
    },
  );

  r.get(
    '/accounts/:appid/materials/counts',
    { preHandler: read, schema: { tags: ['materials'], params: appidParams, response: { 200: materialCountsSchema } } },
    async (request) => services.media.countMaterials((await accountOf(services, request, request.params.appid)).id),
  );

  r.delete(
    '/accounts/:appid/materials/:mediaId',
    {
      preHandler: write,
      schema: {
        tags: ['materials'],
        params: appidParams.extend({ mediaId: z.string().max(128) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request) => {
      const account = await accountOf(services, request, request.params.appid);
      await services.media.deleteMaterial(account.id, request.params.mediaId);
      return { ok: true };
    },
  );

  // Uploads live in their own scope: only this route reads multipart bodies, with a larger limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', multipartParser({ drainLimit: UPLOAD_DRAIN_LIMIT }));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/accounts/:appid/materials',
      {
        preHandler: write,
        bodyLimit: UPLOAD_BODY_LIMIT,
        config: { upload: true },
        schema: {
          tags: ['materials'],
          description:
            'multipart/form-data with the file in part `media` (or `file`); video materials also need the fields `title` and `introduction`.',
          params: appidParams,
          querystring: z.object({ type: z.enum(MATERIAL_FILE_TYPES) }),
          response: { 200: z.object({ material: materialViewSchema }) },
        },
      },
      async (request) => {
        const account = await accountOf(services, request, request.params.appid);
        const form = formOf(request);
        const part = form.files.find((f) => f.field === 'media') ?? form.files.find((f) => f.field === 'file');
        const record = await services.media.addMaterial(account.id, {
          type: request.query.type,
          file: part && { filename: part.filename, bytes: part.bytes },
          tooLarge: request.body === OVERSIZED_BODY,
          description: { title: form.fields.title ?? '', introduction: form.fields.introduction ?? '' },
        });
        const material = await services.media.material(account.id, record.mediaId);
        return { material: present(material!) };
      },
    );
  });
}
