import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { firstRun, formatFirstRun } from './bootstrap';
import type { Config } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { buildApp } from './http/app';
import { createLogger } from './logger';
import { MemoryBus } from './realtime/memory-bus';
import { createServices, type Services } from './services';
import { SandboxClock, systemClock, type Clock } from './shared/clock';
import type { Database } from './db/database';
import { HttpPushSender } from './http/wechat/push-sender';
import { ThreadedPushSender } from './http/wechat/threaded-push-sender';
import type { PushSender } from './modules/callbacks/push-sender';
import { BullMQJobQueue } from './jobs/bullmq-job-queue';
import { DbJobQueue } from './jobs/db-job-queue';
import type { JobQueue } from './jobs/job-queue';
import { processBroadcastFanOut } from './jobs/processors/broadcast-fanout.job';
import { processDeliverCallback } from './jobs/processors/deliver-callback.job';
import { processPublishArticle } from './jobs/processors/publish-article.job';
import type { RealtimeBus } from './realtime/realtime-bus';
import type { BlobStore } from './modules/media/blob-store';
import { LocalBlobStore } from './storage/local-blob-store';

export interface RunningServer {
  services: Services;
  app: FastifyInstance | null;
  /** Actual URL the API listens on (port resolved when 0 was asked). */
  url: string | null;
  stop(): Promise<void>;
}

const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

/** The infrastructure behind the ports, chosen once from configuration. */
export interface Adapters {
  bus: RealtimeBus;
  jobs: JobQueue;
  pushSender: PushSender & { close(): Promise<void> };
  /** Media files. */
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * The one place that picks adapters: the job queue lives in the gzh database unless a Redis URL
 * is configured (then BullMQ); pushes go out over undici. The realtime bus is in-process in this
 * release; followers' streams also poll the database, so writes from other processes (the CLI,
 * other nodes) still reach them. Media files are kept in a local directory (`blobDir`).
 */
export function createAdapters(
  config: Pick<Config, 'redisUrl' | 'callbackTimeoutMs' | 'blobDir'> & Partial<Pick<Config, 'jobLeaseMs' | 'pushThreads'>>,
  database: Database,
  clock: Clock,
  logger?: Pick<Logger, 'warn' | 'error'>,
): Adapters {
  const bus = new MemoryBus();
  const jobLogger = logger && {
    warn: (o: object, m: string) => logger.warn(o, m),
    error: (o: object, m: string) => logger.error(o, m),
  };
  const jobs: JobQueue = config.redisUrl
    ? new BullMQJobQueue({ redisUrl: config.redisUrl, ...(jobLogger ? { logger: jobLogger } : {}) })
    : new DbJobQueue({
        database,
        clock,
        ...(config.jobLeaseMs ? { leaseMs: config.jobLeaseMs } : {}),
        ...(jobLogger ? { logger: jobLogger } : {}),
      });
  const pushSender =
    config.pushThreads && config.pushThreads > 0
      ? new ThreadedPushSender({
          clock,
          timeoutMs: config.callbackTimeoutMs,
          threads: config.pushThreads,
          ...(logger
            ? { onThreadError: (error: unknown) => logger.error({ err: error }, 'push thread failed; replacing it') }
            : {}),
        })
      : new HttpPushSender({ clock, timeoutMs: config.callbackTimeoutMs });
  // Media files on local disk; nodes sharing a PostgreSQL database share the directory too.
  const blobs = new LocalBlobStore(config.blobDir);
  return {
    bus,
    jobs,
    pushSender,
    blobs,
    close: async () => {
      await jobs.close();
      await pushSender.close();
      await bus.close();
    },
  };
}

/**
 * config → adapters → roles. The only place that chooses adapters: SQLite or PostgreSQL by
 * `databaseUrl`; the in-process bus in this release (the Redis adapter arrives with scale-out).
 * Roles: `api` serves HTTP, `scheduler` runs housekeeping, `worker` processes the job queue.
 */
export async function startServer(
  config: Config,
  options: { logger?: Logger; print?: (text: string) => void } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const print = options.print ?? ((text: string) => process.stdout.write(text + '\n'));
  const database = createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onGroupCommitError: (error, writes) => logger.error({ err: error, writes }, 'SQLite: a group of writes failed to commit'),
  });
  const applied = await migrateToLatest(database);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const clock = new SandboxClock(systemClock);
  const adapters = createAdapters(config, database, clock, logger);
  const services = createServices({ config, database, clock, ...adapters });
  await services.clockControl.start();
  services.quotas.start();

  const report = await firstRun(services, { adminPassword: config.adminPassword, demo: config.demo });
  if (report) print(formatFirstRun(report, config.publicUrl));

  const timers: NodeJS.Timeout[] = [];
  if (config.roles.includes('worker')) {
    processDeliverCallback(adapters.jobs, services);
    processPublishArticle(adapters.jobs, services);
    processBroadcastFanOut(adapters.jobs, services);
  }
  if (config.roles.includes('scheduler')) {
    const housekeeping = () =>
      void Promise.all([
        services.tokens.purgeExpired(),
        services.apiLogs.purge(),
        services.callbacks.purge(),
        // A broadcast stored but never queued (a crash in between) is queued again; ids dedupe.
        services.broadcasts.resumeStalled(),
        adapters.jobs.prune(7 * 86_400_000, { includeFailed: true }),
      ]).catch((err: unknown) => logger.warn({ err }, 'housekeeping failed'));
    housekeeping();
    const timer = setInterval(housekeeping, HOUSEKEEPING_INTERVAL_MS);
    timer.unref();
    timers.push(timer);
  }

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (config.roles.includes('api')) {
    app = await buildApp({
      services,
      logger,
      trustProxy: config.trustProxy,
      bodyLimit: config.bodyLimit,
      secureCookies: config.secureCookies,
    });
    const address = await app.listen({ port: config.port, host: config.host });
    url = address;
    logger.info({ url: address, database: database.description, roles: config.roles }, 'gzh is listening');
    print(
      `gzh listening on ${address} (console ${config.publicUrl}/, follower client ${config.publicUrl}/phone, database ${database.description})`,
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const t of timers) clearInterval(t);
      if (app) await app.close();
      services.clockControl.stop();
      await services.quotas.stop().catch((err: unknown) => logger.warn({ err }, 'could not flush quotas'));
      await adapters.close();
      await database.close();
    })());
  return { services, app, url, stop };
}

/** Stops gracefully on SIGINT/SIGTERM: stop accepting, finish in-flight requests, flush, close. */
export function stopOnSignals(server: RunningServer, logger: Pick<Logger, 'info' | 'error'>): void {
  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (signalled) return;
      signalled = true;
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      server
        .stop()
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        });
    });
  }
}
