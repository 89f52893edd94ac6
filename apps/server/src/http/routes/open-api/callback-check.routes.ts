import { WIRE_ERRORS } from './errcodes';
import { defineOpenRoute, jsonBody, WireFailure, type OpenRoute } from './open-route';

const ACTIONS = ['dns', 'ping', 'all'];
const OPERATORS = ['CHINANET', 'UNICOM', 'CAP', 'DEFAULT'];

/**
 * `callback/check` (spec §1.4): resolves the account's callback host and measures a TCP connect
 * to it — the real network facts a developer wants from this probe. Operators are WeChat's
 * carrier names; gzh has one network, so every answer reports the requested (or DEFAULT) one.
 */
export const callbackCheckRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/callback/check',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      if (typeof body.action !== 'string' || !ACTIONS.includes(body.action))
        throw new WireFailure(WIRE_ERRORS.callbackActionInvalid);
      const operator = body.check_operator === undefined ? 'DEFAULT' : body.check_operator;
      if (typeof operator !== 'string' || !OPERATORS.includes(operator))
        throw new WireFailure(WIRE_ERRORS.callbackOperatorInvalid);
      const account = await ctx.services.accounts.getById(ctx.accountId);
      const url = account?.callback.url;
      if (!url) throw new WireFailure(WIRE_ERRORS.callbackUrlInvalid);
      const probe = await ctx.services.callbacks.probe(url).catch(() => null);
      if (!probe) throw new WireFailure(WIRE_ERRORS.callbackUrlInvalid);
      const carrier = operator === 'DEFAULT' ? 'UNICOM' : operator;
      return {
        ...(body.action !== 'ping' ? { dns: probe.dns.map((d) => ({ ip: d.ip, real_operator: carrier })) } : {}),
        ...(body.action !== 'dns'
          ? {
              ping: probe.ping.map((p) => ({
                ip: p.ip,
                from_operator: carrier,
                package_loss: `${p.lossPercent}%`,
                time: p.time,
              })),
            }
          : {}),
      };
    },
  }),
];
