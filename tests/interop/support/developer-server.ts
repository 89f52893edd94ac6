/**
 * Developer servers for the interop tests: the real node-webot `wechat` middleware mounted on a
 * bare `node:http` server (the way its README mounts it on Connect), and small fault servers that
 * pass the URL check but misbehave on pushes. Everything listens on 127.0.0.1, port 0.
 */
import { randomBytes, randomInt } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import wechat, { type WechatConfig, type WechatRequest, type WechatResponse } from 'wechat';

/** A listening test server. */
export interface RunningServer {
  /** Callback URL to configure on the account (path `/wechat`). */
  url: string;
  port: number;
  /** Stops listening and drops open connections (slow handlers included). */
  close(): Promise<void>;
}

/** One request as the developer server saw it. */
export interface SeenRequest {
  method: string;
  query: Record<string, string>;
}

/** A push as the middleware handed it to the developer's handler. */
export interface SeenPush {
  query: Record<string, string>;
  /** `req.weixin`: the push as the SDK parsed (and, if encrypted, decrypted) it. */
  message: Record<string, string | undefined>;
  /** The XML the SDK parsed: the decrypted inner XML in compatible and safe mode. */
  xml: string | undefined;
}

/** Reads the query string into an object, as Express would set `req.query`. */
export function queryOf(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '/', 'http://developer.invalid').searchParams);
}

/** Starts `handler` on 127.0.0.1 with an OS-assigned port. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL nothing listens on: a port that was just bound and released. */
export async function closedPortUrl(): Promise<string> {
  const server = await listen((_req, res) => res.end());
  await server.close();
  return server.url;
}

/** A developer's handler: what the middleware calls with each push. */
export type DeveloperHandler = (message: Record<string, string | undefined>, res: WechatResponse) => void;

export interface WechatDeveloperServer extends RunningServer {
  /** Every request, URL checks included, in arrival order. */
  requests: SeenRequest[];
  /** Every push that reached the developer's handler. */
  pushes: SeenPush[];
}

/**
 * The node-webot `wechat` middleware, unchanged, as a developer deploys it. The middleware reads
 * `req.query` (set by Express/Connect in real apps), so the bare server parses it from the URL;
 * anything the middleware passes on with `next()` is answered 404, an error 500.
 */
export async function startWechatServer(config: WechatConfig, handler: DeveloperHandler): Promise<WechatDeveloperServer> {
  const requests: SeenRequest[] = [];
  const pushes: SeenPush[] = [];
  const middleware = wechat(config, (req, res) => {
    pushes.push({ query: req.query, message: req.weixin, xml: req.weixin_xml });
    handler(req.weixin, res);
  });
  const server = await listen((req, res) => {
    const query = queryOf(req);
    requests.push({ method: req.method ?? '', query });
    const wreq = Object.assign(req, { query }) as WechatRequest;
    middleware(wreq, res as WechatResponse, (err?: unknown) => {
      res.statusCode = err ? 500 : 404;
      res.end();
    });
  });
  return { ...server, requests, pushes };
}

/** How a fault server answers one push POST (after reading its body). */
export type FaultHandler = (push: { query: Record<string, string>; body: string }, res: ServerResponse) => void;

export interface FaultServer extends RunningServer {
  /** Push POSTs received. */
  posts: number;
}

/**
 * A developer server that answers the URL check correctly (so `callbacks.configure` saves the
 * configuration exactly as in production) and then misbehaves on every push as `onPost` says.
 */
export async function startFaultServer(token: string, onPost: FaultHandler): Promise<FaultServer> {
  const state = { posts: 0 };
  const server = await listen((req, res) => {
    res.on('error', () => undefined); // the platform may hang up mid-answer (timeouts, size cap)
    const query = queryOf(req);
    if (req.method === 'GET') {
      const ok = wechat.checkSignature(query, token);
      res.writeHead(ok ? 200 : 401).end(ok ? query.echostr : 'Invalid signature');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.posts++;
      onPost({ query, body: Buffer.concat(chunks).toString('utf8') }, res);
    });
  });
  return {
    ...server,
    get posts() {
      return state.posts;
    },
  };
}

/** A Token as the MP admin UI allows: 3–32 letters or digits. */
export function newToken(): string {
  return `tok${randomBytes(8).toString('hex')}`;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A canonical EncodingAESKey (spec §6.2): 43 characters of [A-Za-z0-9] whose last character has
 * its two low bits clear, so the key round-trips through every SDK's base64 decoder.
 */
export function newEncodingAesKey(): string {
  let key = '';
  for (let i = 0; i < 42; i++) key += BASE62[randomInt(BASE62.length)];
  return key + 'AEIMQUYcgkosw048'[randomInt(16)];
}
