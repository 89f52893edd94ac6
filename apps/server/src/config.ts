import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one configuration schema. Every setting comes from a CLI flag or a `GZH_*` environment
 * variable (flags win) and is validated here before anything starts; nothing else in the server
 * reads `process.env`.
 */

const ROLES = ['api', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    /** SQLite data directory (embedded mode). Ignored when `databaseUrl` is set. */
    dataDir: z.string().min(1).default('./data'),
    /**
     * Directory of uploaded media files (local blob storage); `<dataDir>/blobs` when absent.
     * Nodes sharing one PostgreSQL database must share this directory too.
     */
    blobDir: z.string().min(1).optional(),
    /** `postgres://…` switches storage to PostgreSQL. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /**
     * `redis://…` switches the job queue to BullMQ on Redis (scale-out). Without it jobs live in
     * the gzh database, which several nodes on one PostgreSQL database can share too.
     */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    roles: z
      .union([z.string(), z.array(z.string())])
      .default('api,worker,scheduler')
      .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((r) => r.trim()).filter(Boolean))
      .pipe(z.array(z.enum(ROLES)).min(1, 'at least one role')),
    /** Sandbox controls: clock freezing/advancing, picking any person in the follower client. */
    sandbox: boolish.default(true),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Base URL that people and phones use to reach this server (QR URLs, article links). */
    publicUrl: z.string().url().optional(),
    /** Password for the owner created on first start; random (and printed once) when absent. */
    adminPassword: z.string().min(8, 'must be at least 8 characters').optional(),
    /** Create a demo organisation with a subscription and a service account on first start. */
    demo: boolish.default(true),
    trustProxy: boolish.default(false),
    /** Daily quotas reset at local midnight of this UTC offset; WeChat uses Beijing time. */
    quotaUtcOffsetMinutes: z.coerce.number().int().min(-720).max(840).default(480),
    /** Largest request body accepted by the open API, in bytes. */
    bodyLimit: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2 * 1024 * 1024),
    /**
     * Deliveries of one push to a developer server before giving up (the spec's "three retries in
     * total" is read by practitioners as 3 deliveries; unconfirmed, hence a setting).
     */
    callbackAttempts: z.coerce.number().int().min(1).max(10).default(3),
    /** Per-attempt limit of a push; WeChat waits 5 s. */
    callbackTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(5000),
    /**
     * Worker threads that carry pushes to developer servers (build, sign, encrypt, send, read);
     * 0 keeps them on the main thread. Default: 1 on a machine with more than one core.
     */
    pushThreads: z.coerce.number().int().min(0).max(16).optional(),
    /** How long the delivery ledger keeps attempts. */
    deliveryRetentionDays: z.coerce.number().int().min(1).max(3650).default(14),
    /** Secure flag on console cookies; turn on behind HTTPS. */
    secureCookies: boolish.default(false),
    /**
     * Customer-service window (spec/callback-protocol.md §8; WeChat changed the numbers over
     * time): messages allowed after a follower's message, within how many hours; after a follow,
     * scan or menu click, within how many seconds.
     */
    kfMessageQuota: z.coerce.number().int().min(1).max(1000).default(5),
    kfMessageWindowHours: z.coerce.number().min(0.001).max(720).default(48),
    kfEventQuota: z.coerce.number().int().min(0).max(1000).default(3),
    kfEventWindowSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
    /**
     * Broadcasts deliver at the account's documented speed level (spec §4.4: 100k–800k followers a
     * minute). Off delivers as fast as the database allows (benchmarks, private deployments).
     */
    massThrottle: boolish.default(true),
    /**
     * How long a worker holds a job of the database queue without renewing it; after a crash the
     * job is taken over this long after the last renewal (BullMQ keeps its own lock settings).
     */
    jobLeaseMs: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** Followers per fan-out page (one transaction each); a crash repeats at most one page. */
    massPageSize: z.coerce.number().int().min(10).max(1_000_000).default(50_000),
  })
  .transform((c) => ({
    ...c,
    dataDir: path.resolve(c.dataDir),
    blobDir: path.resolve(c.blobDir ?? path.join(c.dataDir, 'blobs')),
    publicUrl: (c.publicUrl ?? `http://localhost:${c.port}`).replace(/\/+$/, ''),
    pushThreads: c.pushThreads ?? (os.availableParallelism() > 1 ? 1 : 0),
  }));

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Thrown when configuration is invalid; `problems` lists every issue, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super('invalid configuration:\n  ' + problems.join('\n  '));
    this.name = 'ConfigError';
  }
}

const ENV_KEYS: Record<string, keyof ConfigInput> = {
  GZH_PORT: 'port',
  PORT: 'port',
  GZH_HOST: 'host',
  GZH_DATA: 'dataDir',
  GZH_BLOB_DIR: 'blobDir',
  GZH_DATABASE_URL: 'databaseUrl',
  GZH_REDIS_URL: 'redisUrl',
  GZH_ROLES: 'roles',
  GZH_SANDBOX: 'sandbox',
  GZH_LOG_LEVEL: 'logLevel',
  GZH_PUBLIC_URL: 'publicUrl',
  GZH_ADMIN_PASSWORD: 'adminPassword',
  GZH_DEMO: 'demo',
  GZH_TRUST_PROXY: 'trustProxy',
  GZH_QUOTA_UTC_OFFSET_MINUTES: 'quotaUtcOffsetMinutes',
  GZH_BODY_LIMIT: 'bodyLimit',
  GZH_SECURE_COOKIES: 'secureCookies',
  GZH_CALLBACK_ATTEMPTS: 'callbackAttempts',
  GZH_CALLBACK_TIMEOUT_MS: 'callbackTimeoutMs',
  GZH_PUSH_THREADS: 'pushThreads',
  GZH_DELIVERY_RETENTION_DAYS: 'deliveryRetentionDays',
  GZH_KF_MESSAGE_QUOTA: 'kfMessageQuota',
  GZH_KF_MESSAGE_WINDOW_HOURS: 'kfMessageWindowHours',
  GZH_KF_EVENT_QUOTA: 'kfEventQuota',
  GZH_KF_EVENT_WINDOW_SECONDS: 'kfEventWindowSeconds',
  GZH_MASS_THROTTLE: 'massThrottle',
  GZH_MASS_PAGE_SIZE: 'massPageSize',
  GZH_JOB_LEASE_MS: 'jobLeaseMs',
};

/**
 * Builds the configuration from environment variables overlaid with explicit values (CLI flags).
 * Undefined flags do not override the environment.
 */
export function loadConfig(
  flags: Partial<Record<keyof ConfigInput, unknown>> = {},
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const raw: Record<string, unknown> = {};
  for (const [envKey, key] of Object.entries(ENV_KEYS)) {
    const value = env[envKey];
    if (value !== undefined && value !== '' && raw[key] === undefined) raw[key] = value;
  }
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined) raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}
