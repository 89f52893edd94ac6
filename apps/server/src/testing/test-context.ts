import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../http/app';
import { createDatabase, type DialectName } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { processBroadcastFanOut } from '../jobs/processors/broadcast-fanout.job';
import { processDeliverCallback } from '../jobs/processors/deliver-callback.job';
import { processPublishArticle } from '../jobs/processors/publish-article.job';
import { createAdapters } from '../main';
import { createServices, type Services } from '../services';
import { ManualClock, SandboxClock } from '../shared/clock';

/**
 * Test harness: a fresh database per context (a temporary SQLite directory, or a new PostgreSQL
 * database on the loopback server), migrated, with services over a manual clock.
 * Repository and HTTP suites loop over {@link TEST_DIALECTS} so every behaviour runs on both.
 */

/** PostgreSQL admin URL for creating throw-away databases. */
export const PG_ADMIN_URL = process.env.GZH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Dialects the suites run on; `GZH_TEST_DIALECTS=sqlite` narrows it locally. */
export const TEST_DIALECTS: DialectName[] = (process.env.GZH_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

export interface TestContext {
  services: Services;
  /** Base time source; `services.clock` is a sandbox clock over it. */
  time: ManualClock;
  databaseUrl: string | undefined;
  dataDir: string;
  close(): Promise<void>;
}

/** Creates an empty, migrated database and wires the services over it. */
export interface TestContextOptions {
  /** Per-attempt limit of pushes (tests of slow servers shorten it). */
  callbackTimeoutMs?: number;
  callbackAttempts?: number;
  /** Broadcasts at the documented speeds (default off in tests) and their page size. */
  massThrottle?: boolean;
  massPageSize?: number;
  /** Push threads as `gzh start` has them (default 0 here: pushes go out on the test's thread). */
  pushThreads?: number;
}

export async function createTestContext(dialect: DialectName, options: TestContextOptions = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-test-'));
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (dialect === 'postgres') {
    const name = `gzh_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = createDatabase({ databaseUrl, dataDir, poolSize: 4 });
  await migrateToLatest(database);
  const time = new ManualClock(Date.UTC(2026, 10, 22, 2, 0, 0));
  const clock = new SandboxClock(time);
  const adapters = createAdapters(
    {
      callbackTimeoutMs: options.callbackTimeoutMs ?? 5000,
      blobDir: path.join(dataDir, 'blobs'),
      pushThreads: options.pushThreads ?? 0,
    },
    database,
    clock,
  );
  const services = createServices({
    config: {
      sandbox: true,
      publicUrl: 'http://gzh.test',
      quotaUtcOffsetMinutes: 480,
      callbackAttempts: options.callbackAttempts ?? 3,
      deliveryRetentionDays: 14,
      kfMessageQuota: 5,
      kfMessageWindowHours: 48,
      kfEventQuota: 3,
      kfEventWindowSeconds: 60,
      massThrottle: options.massThrottle ?? false,
      massPageSize: options.massPageSize ?? 1000,
    },
    database,
    clock,
    ...adapters,
  });
  // The worker role: pushes queued by the test are delivered as in production.
  processDeliverCallback(adapters.jobs, services);
  processPublishArticle(adapters.jobs, services);
  processBroadcastFanOut(adapters.jobs, services);
  return {
    services,
    time,
    databaseUrl,
    dataDir,
    close: async () => {
      await services.quotas.stop().catch(() => undefined);
      await adapters.close();
      await database.close();
      // pg's pool reports "ended" a moment before its sockets close; a forced DROP before then
      // surfaces as an unhandled "terminating connection" error.
      if (dropDb) await new Promise((resolve) => setTimeout(resolve, 50));
      await dropDb?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
}

/** A test context plus the HTTP app over it (use `app.inject()`). */
export async function createTestApp(dialect: DialectName, options: TestContextOptions = {}): Promise<TestApp> {
  const ctx = await createTestContext(dialect, options);
  const app = await buildApp({
    services: ctx.services,
    logger: false,
    webRoot: { console: '/nonexistent', client: '/nonexistent' },
  });
  await app.ready();
  return {
    ...ctx,
    app,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

/** Creates an organisation and an account; returns the AppID and its secret. */
export async function seedAccount(
  services: Services,
  options: { type?: 'subscription' | 'service'; name?: string; org?: string; verified?: boolean } = {},
): Promise<{ appid: string; secret: string; accountId: string; organisationId: string }> {
  const org = await services.organisations.ensure(options.org ?? 'Test Org');
  const { account, secret } = await services.accounts.create({
    organisationId: org.id,
    type: options.type ?? 'service',
    name: options.name ?? 'Test Account',
    verified: options.verified ?? false,
  });
  return { appid: account.appid, secret, accountId: account.id, organisationId: org.id };
}

/** Mints an access token through the real token endpoint. */
export async function fetchToken(app: FastifyInstance, appid: string, secret: string): Promise<string> {
  const res = await app.inject({
    method: 'GET',
    url: `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`,
  });
  const body = res.json<{ access_token?: string; errcode?: number }>();
  if (!body.access_token) throw new Error(`token failed: ${res.body}`);
  return body.access_token;
}

/** Creates `n` persons following the account; returns their OpenIDs in creation order. */
export async function seedFollowers(services: Services, appid: string, n: number): Promise<string[]> {
  const openids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { person } = await services.followers.createPerson({ nickname: `person ${i}` });
    const { follower } = await services.followers.follow(person.id, appid);
    openids.push(follower.openid);
  }
  return openids;
}
