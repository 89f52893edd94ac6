import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services';
import { nowSeconds } from '../../../shared/clock';
import { isAppError } from '../../../shared/errors';
import { newRid } from '../../../shared/ids';
import { MAX_UPLOAD_BYTES } from '../../../modules/media/media.formats';
import { acceptsUploads, multipartParser, OVERSIZED_BODY, type ParsedForm } from '../../multipart';
import { DOMAIN_ERRCODES, WIRE_ERRORS, withRid, type WireError } from './errcodes';
import { RawReply, WireFailure, type OpenContext, type OpenRoute } from './open-route';
import { JSON_CONTENT_TYPE, toWireJson } from './wire';

/** Path prefixes served by the WeChat-compatible API; unknown paths under them get 48001. */
export const OPEN_API_PREFIXES = ['/cgi-bin/', '/sns/', '/datacube/', '/customservice/', '/card/', '/merchant/'];

export interface OpenApiOptions {
  services: Services;
  routes: OpenRoute[];
  bodyLimit: number;
}

/**
 * Body limit of upload routes: twice the largest file, so a file somewhat over its type's limit
 * still arrives whole and gets its precise errcode (40009–40012) rather than the generic 45001.
 */
export const UPLOAD_BODY_LIMIT = 2 * MAX_UPLOAD_BYTES;
/**
 * Uploads up to this size are read to the end (and discarded past {@link UPLOAD_BODY_LIMIT}) so
 * the client gets a 45001 answer; beyond it the connection is closed instead of reading on.
 */
export const UPLOAD_DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Mounts the WeChat-compatible open API. Everything WeChat-specific about the transport lives
 * here: HTTP 200 for every business error, `{errcode, errmsg}` bodies with a rid, 43001/43002 for
 * the wrong method, bodies read as raw text whatever their Content-Type (SDKs send JSON as
 * text/plain, form or nothing) except multipart uploads on upload routes, which are split into
 * parts, and failed requests recorded for `openapi/rid/get`.
 */
export async function openApiPlugin(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  const { services, routes } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.bodyLimit }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('multipart/form-data', multipartParser({ drainLimit: UPLOAD_DRAIN_LIMIT }));
  const uploadLimit = Math.max(options.bodyLimit, UPLOAD_BODY_LIMIT);

  app.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
    const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const wire =
      tooLarge && acceptsUploads(request)
        ? WIRE_ERRORS.mediaTooLarge
        : tooLarge || (error.statusCode ?? 500) < 500
          ? WIRE_ERRORS.dataFormat
          : WIRE_ERRORS.systemError;
    if (wire === WIRE_ERRORS.systemError) request.log.error({ err: error }, 'open api transport error');
    return sendError(services, request, reply, wire, newRid(nowSeconds(services.clock)), null, performance.now());
  });

  for (const route of routes) {
    for (const url of [route.path, ...(route.aliases ?? [])]) {
      app.route({
        method: ['GET', 'POST'],
        url,
        bodyLimit: route.upload ? uploadLimit : options.bodyLimit,
        config: { upload: route.upload === true },
        handler: (request, reply) => dispatch(services, route, request, reply),
      });
    }
  }
}

async function dispatch(
  services: Services,
  route: OpenRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const started = performance.now();
  // The app's request id already has WeChat's rid shape (see buildApp's genReqId).
  const rid = request.id;
  const query = firstValues(request.query);
  let accountId: string | null = null;
  try {
    if (request.method !== route.method && !(request.method === 'HEAD' && route.method === 'GET')) {
      throw new WireFailure(route.method === 'GET' ? WIRE_ERRORS.requireGet : WIRE_ERRORS.requirePost);
    }
    if (route.auth !== 'none') {
      accountId = await services.tokens.authenticate(query.access_token);
      await services.quotas.consume(accountId, route.path);
    }
    const ctx: OpenContext = {
      services,
      accountId: accountId ?? '',
      query,
      params: (request.params ?? {}) as Record<string, string | undefined>,
      rawBody: typeof request.body === 'string' ? request.body : '',
      files: isForm(request.body) ? request.body.files : [],
      fields: isForm(request.body) ? request.body.fields : {},
      bodyTooLarge: request.body === OVERSIZED_BODY,
      clientIp: request.ip,
      rid,
    };
    const result = await route.handler(ctx);
    if (result instanceof RawReply) {
      return reply.status(result.statusCode).headers(result.headers).type(result.contentType).send(result.body);
    }
    const body = route.ok === false ? result : { errcode: 0, errmsg: 'ok', ...result };
    return reply.header('content-type', JSON_CONTENT_TYPE).send(Buffer.from(toWireJson(body)));
  } catch (error) {
    let wire: WireError;
    let detail: string | undefined;
    // Some errors carry fields beside errcode/errmsg (45065 answers the existing `msg_id`).
    const extra = isAppError(error) ? wireFieldsOf(error.details) : undefined;
    if (error instanceof WireFailure) {
      wire = error.wire;
      detail = error.detail;
    } else if (isAppError(error) && DOMAIN_ERRCODES[error.code]) {
      wire = DOMAIN_ERRCODES[error.code]!;
      detail = error.message !== wire.errmsg ? error.message : undefined;
    } else {
      request.log.error({ err: error, path: route.path }, 'open api handler failed');
      wire = WIRE_ERRORS.systemError;
    }
    const errmsg = detail ? { ...wire, errmsg: `${wire.errmsg}, ${detail}` } : wire;
    return sendError(services, request, reply, errmsg, rid, accountId, started, extra);
  }
}

/** `details.wireFields` of a domain error: extra members of the error body, as WeChat sends them. */
function wireFieldsOf(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const fields = details?.wireFields;
  return fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : undefined;
}

/** Sends `{errcode, errmsg … rid: …}` with HTTP 200 and records the request under its rid. */
export function sendError(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  wire: WireError,
  rid: string,
  accountId: string | null,
  started: number,
  extra?: Record<string, unknown>,
): FastifyReply {
  const text = toWireJson({ errcode: wire.errcode, errmsg: withRid(wire.errmsg, rid), ...extra });
  const rawBody = typeof request.body === 'string' ? request.body : '';
  services.apiLogs
    .record({
      rid,
      accountId,
      invokeTime: services.clock.nowMs(),
      costInMs: Math.round(performance.now() - started),
      requestUrl: redactQuery(request.url),
      requestBody: rawBody,
      responseBody: text,
      clientIp: request.ip,
      errcode: wire.errcode,
    })
    .catch((err: unknown) => request.log.warn({ err }, 'could not record api request log'));
  return reply.status(200).header('content-type', JSON_CONTENT_TYPE).send(Buffer.from(text));
}

/** `request_url` of a rid lookup: the query string with secrets masked, as WeChat shows it. */
function redactQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  return url.slice(q + 1).replace(/(access_token|secret|appsecret)=[^&]*/gi, (_m, key: string) => `${key}=***`);
}

function isForm(body: unknown): body is ParsedForm {
  return typeof body === 'object' && body !== null && Array.isArray((body as Partial<ParsedForm>).files);
}

function firstValues(query: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (query && typeof query === 'object') {
    for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
      const first = Array.isArray(value) ? (value[0] as unknown) : value;
      out[key] = typeof first === 'string' ? first : undefined;
    }
  }
  return out;
}
