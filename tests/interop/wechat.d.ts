/**
 * Types for the part of `wechat` (node-webot/wechat 2.x, plain JavaScript) that the interop tests
 * drive: the Connect-style middleware a developer mounts at the URL configured on the platform.
 * Shapes follow the SDK's own `lib/wechat.js`.
 */
declare module 'wechat' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** What the middleware needs; `appid` and `encodingAESKey` only for compatible and safe mode. */
  export interface WechatConfig {
    token: string;
    appid?: string;
    encodingAESKey?: string;
    /** Default true: plaintext requests must carry a valid `signature`. */
    checkSignature?: boolean;
  }

  /** One news item as `res.reply([...])` takes it (`picurl`, `picUrl` or `pic`). */
  export interface NewsItem {
    title: string;
    description: string;
    picurl?: string;
    picUrl?: string;
    url: string;
  }

  /** What `res.reply` accepts: text, news items, or `{type, content}` for media and music. */
  export type ReplyContent = string | NewsItem[] | { type: string; content?: unknown };

  /**
   * The request as the middleware sees it. `query` must be set before the middleware runs (it
   * reads `req.query.signature`, `encrypt_type`, … and does not parse the URL itself); `weixin`
   * is the push as a flat object of strings (xml2js, trimmed), `weixin_xml` the inner XML.
   */
  export interface WechatRequest extends IncomingMessage {
    query: Record<string, string>;
    weixin: Record<string, string | undefined>;
    weixin_xml?: string;
  }

  /** The response, with the SDK's helpers; the reply is encrypted when the push was. */
  export interface WechatResponse extends ServerResponse {
    reply(content?: ReplyContent): void;
    transfer2CustomerService(kfAccount?: string): void;
  }

  export type Next = (err?: unknown) => void;
  export type Handler = (req: WechatRequest, res: WechatResponse, next: Next) => void;
  export type Middleware = (req: WechatRequest, res: WechatResponse, next: Next) => void;

  interface WechatMiddlewareFactory {
    (config: string | WechatConfig, handler: Handler): Middleware;
    /** The SDK's plaintext signature check: sha1(sort(token, timestamp, nonce)) === signature. */
    checkSignature(query: Record<string, string | undefined>, token: string): boolean;
    /** Renders a reply XML the way `res.reply` does (before encryption). */
    reply(content: ReplyContent, fromUsername: string, toUsername: string): string;
  }

  const wechat: WechatMiddlewareFactory;
  export default wechat;
}
