import os from 'node:os';
import { AccountErrors } from '../../../modules/accounts/account.errors';
import { WIRE_ERRORS } from './errcodes';
import { defineOpenRoute, jsonBody, WireFailure, type OpenRoute } from './open-route';

/** Addresses of this server, reported by get_api_domain_ip / getcallbackip. */
function serverIps(): string[] {
  const ips = new Set<string>(['127.0.0.1']);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const entry of list ?? []) if (entry.family === 'IPv4') ips.add(entry.address);
  }
  return [...ips];
}

const RID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/**
 * Platform endpoints (spec §1.3, 1.5–1.7). `knownPaths` is every canonical open-API path, so that
 * `openapi/quota/get` can tell an unknown cgi_path (76021) from a known one.
 */
export function platformRoutes(knownPaths: () => Set<string>): OpenRoute[] {
  const checkPath = (value: unknown): string => {
    if (typeof value !== 'string' || !value.startsWith('/')) throw new WireFailure(WIRE_ERRORS.cgiPathNotFound);
    const path = value.split('?')[0]!;
    if (path.startsWith('/sns/')) throw new WireFailure(WIRE_ERRORS.cgiPathForbidden);
    if (!knownPaths().has(path)) throw new WireFailure(WIRE_ERRORS.cgiPathNotFound);
    return path;
  };
  return [
    defineOpenRoute({
      method: 'GET',
      path: '/cgi-bin/get_api_domain_ip',
      handler: () => Promise.resolve({ ip_list: serverIps() }),
    }),
    defineOpenRoute({
      method: 'GET',
      path: '/cgi-bin/getcallbackip',
      handler: () => Promise.resolve({ ip_list: serverIps() }),
    }),
    defineOpenRoute({
      method: 'POST',
      path: '/cgi-bin/openapi/quota/get',
      handler: async (ctx) => {
        const path = checkPath(jsonBody(ctx).cgi_path);
        return { quota: await ctx.services.quotas.status(ctx.accountId, path) };
      },
    }),
    defineOpenRoute({
      method: 'POST',
      path: '/cgi-bin/openapi/quota/clear',
      handler: async (ctx) => {
        await ctx.services.quotas.clear(ctx.accountId, checkPath(jsonBody(ctx).cgi_path));
        return {};
      },
    }),
    defineOpenRoute({
      method: 'POST',
      path: '/cgi-bin/clear_quota',
      handler: async (ctx) => {
        const appid = jsonBody(ctx).appid;
        const account = await ctx.services.accounts.getById(ctx.accountId);
        if (typeof appid !== 'string' || !appid) throw AccountErrors.appidMissing();
        if (!account || account.appid !== appid) throw AccountErrors.appidInvalid();
        await ctx.services.quotas.clear(account.id);
        return {};
      },
    }),
    defineOpenRoute({
      method: 'POST',
      path: '/cgi-bin/clear_quota/v2',
      auth: 'none',
      handler: async (ctx) => {
        // Sources disagree whether appid/appsecret travel in the body or the query: accept both.
        const body = ctx.rawBody.trim() ? jsonBody(ctx) : {};
        const appid = typeof body.appid === 'string' ? body.appid : ctx.query.appid;
        const secret = typeof body.appsecret === 'string' ? body.appsecret : ctx.query.appsecret;
        if (!appid) throw AccountErrors.appidMissing();
        const account = await ctx.services.accounts.getByAppId(appid);
        if (!account) throw AccountErrors.appidInvalid();
        if (!secret) throw AccountErrors.secretMissing();
        if (!ctx.services.accounts.verifySecret(account, secret)) throw AccountErrors.secretInvalid();
        await ctx.services.quotas.clear(account.id);
        return {};
      },
    }),
    defineOpenRoute({
      method: 'POST',
      path: '/cgi-bin/openapi/rid/get',
      handler: async (ctx) => {
        const rid = jsonBody(ctx).rid;
        if (typeof rid !== 'string' || !RID_SHAPE.test(rid)) throw new WireFailure(WIRE_ERRORS.ridInvalid);
        const log = await ctx.services.apiLogs.find(rid);
        if (!log) throw new WireFailure(WIRE_ERRORS.ridNotFound);
        if (log.accountId !== ctx.accountId) throw new WireFailure(WIRE_ERRORS.ridForbidden);
        return {
          request: {
            invoke_time: Math.floor(log.invokeTime / 1000),
            cost_in_ms: log.costInMs,
            request_url: log.requestUrl,
            request_body: log.requestBody,
            response_body: log.responseBody,
            client_ip: log.clientIp,
          },
        };
      },
    }),
  ];
}
