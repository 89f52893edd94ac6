import Fastify from 'fastify';
import { broadcastToAll, timeRawFanOut } from '../scenarios/fanout';
import type { ChildMessage, ChildSpec, ParentMessage, StopMessage } from './child-protocol';
import { startDeveloperServer } from './developer-server';
import { createBenchAccount, startBenchServer } from './gzh';
import { connectDeveloper, createFollowers } from './gzh-conversation';

/**
 * Entry point of a server child (`node --import tsx bench/lib/server-child.ts '<spec json>'`).
 * It starts one server, reports `ready` over IPC, and exits when the parent says `stop`, when
 * the parent goes away (IPC `disconnect`, so a killed bench run leaves no server behind), or on
 * SIGINT/SIGTERM.
 */

type Stop = () => Promise<void>;

/** Answers a parent's request (the `conversation` and `fanout` children take some). */
type OnRequest = (message: Exclude<ParentMessage, StopMessage>) => Promise<ChildMessage>;

interface Started {
  stop: Stop;
  onRequest?: OnRequest;
}

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

/** gzh on a fresh SQLite database, with the bench account and its followers seeded. */
async function startGzh(spec: Extract<ChildSpec, { kind: 'gzh' }>): Promise<Started> {
  const server = await startBenchServer({ dataDir: spec.dataDir, roles: ['api', 'worker', 'scheduler'] });
  try {
    const account = await createBenchAccount(server);
    await server.services.followerSeed.seed(account.appid, spec.followers);
    send({ type: 'ready', url: server.url!, account: { appid: account.appid, secret: account.secret } });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { stop: () => server.stop() };
}

/**
 * gzh for the conversation round trip (all roles, so the worker delivering pushes shares the
 * process with the API as in the one-process deployment), with people following the account.
 * The developer server is connected on request, once the parent has started it with our AppID.
 */
async function startConversation(spec: Extract<ChildSpec, { kind: 'conversation' }>): Promise<Started> {
  const server = await startBenchServer({ dataDir: spec.dataDir, roles: ['api', 'worker', 'scheduler'] });
  try {
    const account = await createBenchAccount(server);
    const followers = await createFollowers(server, account, spec.persons);
    send({ type: 'ready', url: server.url!, account: { appid: account.appid, secret: account.secret }, followers });
    return {
      stop: () => server.stop(),
      onRequest: async (message) => {
        if (message.type !== 'connect-developer') throw new Error(`a conversation server takes no ${message.type} request`);
        return { type: 'developer-connected', push: await connectDeveloper(server, account, followers[0]!, message) };
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** gzh on the seeded database of the seeding scenario, for the broadcast fan-out. */
async function startFanOut(spec: Extract<ChildSpec, { kind: 'fanout' }>): Promise<Started> {
  const server = await startBenchServer({
    dataDir: spec.dataDir,
    ...(spec.databaseUrl ? { databaseUrl: spec.databaseUrl } : {}),
    roles: ['api', 'worker'],
    massThrottle: false,
  });
  send({ type: 'ready', url: server.url! });
  return {
    stop: () => server.stop(),
    onRequest: async (message) => {
      if (message.type === 'broadcast') {
        return { type: 'broadcast-done', ...(await broadcastToAll(server, spec.accountId, message.sessions)) };
      }
      if (message.type === 'raw-fanout') return { type: 'raw-fanout-done', seconds: await timeRawFanOut(server, spec.accountId) };
      throw new Error(`a fanout server takes no ${message.type} request`);
    },
  };
}

async function startDeveloper(spec: Extract<ChildSpec, { kind: 'developer' }>): Promise<Started> {
  const server = await startDeveloperServer(spec.developer);
  send({ type: 'ready', url: server.url });
  return { stop: () => server.close() };
}

/**
 * The baseline: a bare fastify app with one JSON GET route and nothing else — no plugins, no
 * logger, no database — which is the ceiling any fastify handler on this machine can reach.
 */
async function startBaseline(spec: Extract<ChildSpec, { kind: 'baseline' }>): Promise<Started> {
  const app = Fastify({ logger: false });
  app.get(spec.path, () => spec.body);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', url });
  return { stop: () => app.close() };
}

function start(spec: ChildSpec): Promise<Started> {
  switch (spec.kind) {
    case 'gzh':
      return startGzh(spec);
    case 'baseline':
      return startBaseline(spec);
    case 'conversation':
      return startConversation(spec);
    case 'developer':
      return startDeveloper(spec);
    case 'fanout':
      return startFanOut(spec);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('server-child must be started by bench/run.ts with an IPC channel');
  const spec = JSON.parse(process.argv[2] ?? '') as ChildSpec;

  // Listen for the way out before starting: a parent that dies during start-up (seeding takes a
  // while) must still take this process down with it.
  let started: Started | undefined;
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // A hung close must not keep a server alive behind a finished bench run.
    setTimeout(() => process.exit(1), 5_000).unref();
    (started ? started.stop() : Promise.resolve())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`server-child: stop failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') return shutdown();
    if (message.type === 'cpu-usage') {
      const { user, system } = process.cpuUsage();
      return send({ type: 'cpu-usage-done', ms: (user + system) / 1000 });
    }
    // A failed request is answered, not fatal: the parent decides whether to stop us.
    const onRequest = started?.onRequest;
    if (!onRequest) return send({ type: 'failed', error: `this ${spec.kind} server takes no ${message.type} request` });
    onRequest(message).then(send, (error: unknown) => send({ type: 'failed', error: describe(error) }));
  });
  process.on('disconnect', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  started = await start(spec);
}

main().catch((error: unknown) => {
  const text = describe(error);
  send({ type: 'failed', error: text });
  process.stderr.write(`server-child: ${text}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
