import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../services';
import { nowSeconds } from '../shared/clock';
import { newRid } from '../shared/ids';
import { jsonErrorHandler } from './errors';
import { consoleRoutes } from './routes/console';
import { followerRoutes } from './routes/follower';
import { mediaFileRoutes } from './routes/media-files.routes';
import { WIRE_ERRORS } from './routes/open-api/errcodes';
import { allOpenRoutes } from './routes/open-api';
import { OPEN_API_PREFIXES, openApiPlugin, sendError } from './routes/open-api/open-api.plugin';

export interface AppDeps {
  services: Services;
  /** Fastify logger option (a pino instance or options); `false` in tests. */
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
  trustProxy?: boolean;
  bodyLimit?: number;
  secureCookies?: boolean;
  /** Where the built web apps are; defaults to the workspace's `apps/*\/dist`. */
  webRoot?: { console?: string; client?: string };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_CONSOLE_DIST = path.resolve(here, '../../../console/dist');
const DEFAULT_CLIENT_DIST = path.resolve(here, '../../../client/dist');

/**
 * Builds the HTTP application without listening (tests call `inject()`, `main.ts` listens).
 * Surfaces: the WeChat-compatible open API, `/api/console`, `/api/follower`, the console SPA at
 * `/`, the follower client at `/phone/`, OpenAPI docs at `/docs`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { services } = deps;
  const bodyLimit = deps.bodyLimit ?? 2 * 1024 * 1024;
  const app = Fastify({
    ...(typeof deps.logger === 'object' ? { loggerInstance: deps.logger } : { logger: deps.logger ?? false }),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit,
    // Per-request access logs would cost more than the hot open-API handlers themselves.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newRid(nowSeconds(services.clock)),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gzh console and follower API',
        version: '0.1.0',
        description:
          'JSON APIs of the gzh console and follower client. The WeChat-compatible open API is documented in docs/api.md.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const routes = allOpenRoutes();
  await app.register(openApiPlugin, { services, routes, bodyLimit });
  await app.register(mediaFileRoutes, { services });
  await app.register(
    async (scope) => {
      // Cookies only matter to the console; the open API's hot path skips the parsing.
      await scope.register(cookie);
      scope.setErrorHandler(jsonErrorHandler);
      await consoleRoutes(scope, { services, secureCookies: deps.secureCookies ?? false });
    },
    { prefix: '/api/console' },
  );
  await app.register(
    async (scope) => {
      scope.setErrorHandler(jsonErrorHandler);
      await followerRoutes(scope, { services });
    },
    { prefix: '/api/follower' },
  );
  app.get('/healthz', { schema: { hide: true } }, () => ({ ok: true, database: services.database.dialect }));

  const consoleDist = deps.webRoot?.console ?? DEFAULT_CONSOLE_DIST;
  const clientDist = deps.webRoot?.client ?? DEFAULT_CLIENT_DIST;
  const hasConsole = fs.existsSync(path.join(consoleDist, 'index.html'));
  const hasClient = fs.existsSync(path.join(clientDist, 'index.html'));
  if (hasClient) {
    await app.register(fastifyStatic, { root: clientDist, prefix: '/phone/', decorateReply: false, index: 'index.html' });
  }
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: consoleDist,
      prefix: '/',
      decorateReply: false,
      index: 'index.html',
      wildcard: false,
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    if (OPEN_API_PREFIXES.some((p) => url.startsWith(p))) {
      return sendError(
        services,
        request,
        reply,
        WIRE_ERRORS.apiUnauthorized,
        newRid(nowSeconds(services.clock)),
        null,
        performance.now(),
      );
    }
    if (url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'common.not_found', message: `no route ${request.method} ${url}`, requestId: request.id } });
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      // Single-page apps: unknown paths render the app, which routes on the client.
      const dist =
        url === '/phone' || url.startsWith('/phone/') ? (hasClient ? clientDist : null) : hasConsole ? consoleDist : null;
      if (dist) return reply.type('text/html; charset=utf-8').send(fs.createReadStream(path.join(dist, 'index.html')));
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('gzh: the web apps are not built yet. Run `npm run build` (npm start does it for you).\n');
    }
    return reply.status(404).send({ error: { code: 'common.not_found', message: 'not found', requestId: request.id } });
  });
  return app;
}
