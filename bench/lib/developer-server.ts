import http from 'node:http';
import type { AddressInfo } from 'node:net';
import wechat, { type WechatRequest, type WechatResponse } from 'wechat';
import type { DeveloperConfig } from './child-protocol';

/**
 * The developer server of the conversation scenario: the unchanged node-webot `wechat` middleware
 * (2.x, from npm; typed by tests/interop/wechat.d.ts) on a bare `node:http` server, mounted the
 * way tests/interop/support/developer-server.ts mounts it, with the smallest bot a developer
 * writes: echo every text, acknowledge everything else. In safe mode the middleware checks
 * `msg_signature`, decrypts the push and encrypts its reply, so the server does the same work per
 * push whoever sends it — gzh in the round trip, autocannon in the baseline.
 */

/** Prefix of the bot's text replies; the load checks that each reply carries it. */
export const ECHO_PREFIX = 'echo: ';

/** A listening developer server. */
export interface DeveloperServer {
  /** The callback URL to configure (path `/wechat`). */
  url: string;
  close(): Promise<void>;
}

export async function startDeveloperServer(config: DeveloperConfig): Promise<DeveloperServer> {
  const middleware = wechat(
    { token: config.token, appid: config.appid, encodingAESKey: config.encodingAesKey },
    (req: WechatRequest, res: WechatResponse) => {
      const message = req.weixin;
      if (message.MsgType === 'text') res.reply(ECHO_PREFIX + (message.Content ?? ''));
      else res.reply(''); // an empty 200 is WeChat's "received, no reply"
    },
  );
  const server = http.createServer((req, res) => {
    // The middleware reads `req.query`, which Express or Connect would have set.
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://developer.invalid').searchParams);
    middleware(Object.assign(req, { query }) as WechatRequest, res as WechatResponse, (err?: unknown) => {
      res.statusCode = err ? 500 : 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wechat`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
