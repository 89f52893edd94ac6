import { randomBytes } from 'node:crypto';
import { loadConfig, type Role } from '../../apps/server/src/config';
import { startServer, type RunningServer } from '../../apps/server/src/main';

/**
 * gzh started exactly as `gzh start` starts it (config schema → adapters → roles), so the
 * benchmarks measure the production wiring rather than a test harness: WAL SQLite with the
 * production pragmas, the write-behind quota counters, the sandbox clock poller, the real
 * fastify app with its plugins.
 */

export interface BenchServerOptions {
  /** SQLite data directory; also required (and unused) when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…` to run on PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** Roles to start; the seeding scenario needs no HTTP listener. */
  roles: Role[];
  /** Broadcasts at WeChat's documented speed levels (default) or as fast as the database allows. */
  massThrottle?: boolean;
}

/** A bench account: what an SDK needs to call the open API as it. */
export interface BenchAccount {
  accountId: string;
  appid: string;
  secret: string;
}

/**
 * Starts gzh on an empty database. The environment is deliberately not read (`env = {}`), so a
 * stray `GZH_*` variable in the shell cannot change what is measured; the first-run banner is
 * swallowed and demo accounts are not created.
 */
export function startBenchServer(options: BenchServerOptions): Promise<RunningServer> {
  const config = loadConfig(
    {
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'warn',
      demo: false,
      roles: options.roles,
      massThrottle: options.massThrottle ?? true,
      // Only to skip printing a generated password; nobody logs in.
      adminPassword: randomBytes(12).toString('hex'),
    },
    {},
  );
  return startServer(config, { print: () => {} });
}

/** Creates the organisation and the service account every scenario works on. */
export async function createBenchAccount(server: RunningServer): Promise<BenchAccount> {
  const { services } = server;
  const organisation = await services.organisations.ensure('gzh bench');
  const { account, secret } = await services.accounts.create({
    organisationId: organisation.id,
    type: 'service',
    name: 'bench service account',
    verified: true,
  });
  return { accountId: account.id, appid: account.appid, secret };
}
