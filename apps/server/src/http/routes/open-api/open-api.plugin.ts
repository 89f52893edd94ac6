import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../services';
import { nowSeconds } from '../../../shared/clock';
import { isAppError } from '../../../shared/errors';
import { newRid } from '../../../shared/ids';
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
 * Mounts the WeChat-compatible open API. Everything WeChat-specific about the transport lives
 * here: HTTP 200 for every business error, `{errcode, errmsg}` bodies with a rid, 43001/43002 for
 * the wrong method, bodies read as raw text whatever their Content-Type (SDKs send JSON as
 * text/plain, form or nothing), and failed requests recorded for `openapi/rid/get`.
 */
export async function openApiPlugin(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  const { services, routes } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.bodyLimit }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
    const wire =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || (error.statusCode ?? 500) < 500
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
        bodyLimit: options.bodyLimit,
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
    return sendError(services, request, reply, errmsg, rid, accountId, started);
  }
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
): FastifyReply {
  const text = toWireJson({ errcode: wire.errcode, errmsg: withRid(wire.errmsg, rid) });
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
