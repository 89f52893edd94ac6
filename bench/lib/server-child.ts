import Fastify from 'fastify';
import type { ChildMessage, ChildSpec, StopMessage } from './child-protocol';
import { createBenchAccount, startBenchServer } from './gzh';

/**
 * Entry point of a server child (`node --import tsx bench/lib/server-child.ts '<spec json>'`).
 * It starts one server, reports `ready` over IPC, and exits when the parent says `stop`, when
 * the parent goes away (IPC `disconnect`, so a killed bench run leaves no server behind), or on
 * SIGINT/SIGTERM.
 */

type Stop = () => Promise<void>;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

/** gzh on a fresh SQLite database, with the bench account and its followers seeded. */
async function startGzh(spec: Extract<ChildSpec, { kind: 'gzh' }>): Promise<Stop> {
  const server = await startBenchServer({ dataDir: spec.dataDir, roles: ['api', 'worker', 'scheduler'] });
  try {
    const account = await createBenchAccount(server);
    await server.services.followerSeed.seed(account.appid, spec.followers);
    send({ type: 'ready', url: server.url!, account: { appid: account.appid, secret: account.secret } });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}

/**
 * The baseline: a bare fastify app with one JSON GET route and nothing else — no plugins, no
 * logger, no database — which is the ceiling any fastify handler on this machine can reach.
 */
async function startBaseline(spec: Extract<ChildSpec, { kind: 'baseline' }>): Promise<Stop> {
  const app = Fastify({ logger: false });
  app.get(spec.path, () => spec.body);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', url });
  return () => app.close();
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('server-child must be started by bench/run.ts with an IPC channel');
  const spec = JSON.parse(process.argv[2] ?? '') as ChildSpec;

  // Listen for the way out before starting: a parent that dies during start-up (seeding takes a
  // while) must still take this process down with it.
  let stop: Stop | undefined;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // A hung close must not keep a server alive behind a finished bench run.
    setTimeout(() => process.exit(1), 5_000).unref();
    (stop ? stop() : Promise.resolve())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`server-child: stop failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('message', (message: StopMessage) => {
    if (message.type === 'stop') shutdown();
  });
  process.on('disconnect', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  stop = spec.kind === 'gzh' ? await startGzh(spec) : await startBaseline(spec);
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  send({ type: 'failed', error: text });
  process.stderr.write(`server-child: ${text}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
