import { randomInt } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { Agent, request, errors as undiciErrors } from 'undici';
import type {
  PassiveReply as DomainReply,
  PushAccount,
  PushAttempt,
  PushOutcome,
  PushSender,
  VerifyResult,
} from '../../modules/callbacks/push-sender';
import type { Push } from '../../modules/callbacks/push.types';
import type { MessageBody } from '../../modules/messages/message.types';
import type { Clock } from '../../shared/clock';
import { nowSeconds } from '../../shared/clock';
import { isHttpUrl } from '../../shared/url';
import { encryptMessage } from './aes-crypto';
import { AccountLanes } from './account-lanes';
import { appendQuery, buildPush, checkEchoAnswer, encryptedPushBody, pushQuery, verificationQuery } from './envelope';
import { isWechatError } from './errors';
import { pushFields } from './push-fields';
import { readReplyBody, type PassiveReply } from './reply';
import { newNonce } from './signature';
import { childText, parseXml } from './xml';

export interface HttpPushSenderOptions {
  clock: Clock;
  /** Per-attempt limit; WeChat waits 5 s. */
  timeoutMs?: number;
  /** Largest reply body read; larger ones are `oversize`. */
  maxResponseBytes?: number;
  /** Pushes in flight to one account's server at once; others wait their turn. */
  perAccountConcurrency?: number;
}

/** Pushes in flight to one account's developer server at once, unless configured otherwise. */
export const DEFAULT_PER_ACCOUNT_CONCURRENCY = 16;

const USER_AGENT = 'Mozilla/4.0 gzh-callback';

/**
 * The WeChat wire to developer servers over undici: pooled keep-alive connections, the 5-second
 * limit per attempt, a cap on reply size, no redirects, and a per-account limit on concurrent
 * pushes so one slow server never holds up another account.
 */
export class HttpPushSender implements PushSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly lanes: AccountLanes;

  constructor(private readonly options: HttpPushSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxBytes = options.maxResponseBytes ?? 256 * 1024;
    this.lanes = new AccountLanes(options.perAccountConcurrency ?? DEFAULT_PER_ACCOUNT_CONCURRENCY);
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1, connect: { timeout: this.timeoutMs } });
  }

  async send(account: PushAccount, push: Push, options: { url?: string } = {}): Promise<PushAttempt> {
    const url = options.url ?? account.callback.url ?? '';
    const fields = pushFields(account.originalId, push);
    const built = buildPush({
      mode: account.callback.mode,
      token: account.callback.token ?? '',
      appid: account.appid,
      encodingAesKey: account.callback.encodingAesKey,
      fields,
      openid: push.openid,
      timestamp: String(nowSeconds(this.options.clock)),
      nonce: newNonce(),
    });
    const context = push.payload.kind === 'message' ? 'message' : 'event';
    return this.lanes.run(account.id, () => this.exchange(account, url, built.query, built.plainXml, built.body, context));
  }

  async resend(account: PushAccount, plainXml: string, openid: string, url: string): Promise<PushAttempt> {
    const timestamp = String(nowSeconds(this.options.clock));
    const nonce = newNonce();
    const token = account.callback.token ?? '';
    const mode = account.callback.mode;
    let body = plainXml;
    let query = pushQuery({ mode: 'plain', token, timestamp, nonce, openid });
    if (mode !== 'plain' && account.callback.encodingAesKey) {
      const encrypt = encryptMessage(plainXml, account.appid, account.callback.encodingAesKey);
      query = pushQuery({ mode, token, timestamp, nonce, openid, encrypt });
      const toUserName = childText(parseXml(plainXml, { maxBytes: this.maxBytes * 4 }), 'ToUserName') ?? '';
      body =
        mode === 'safe'
          ? encryptedPushBody(toUserName, encrypt)
          : plainXml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
    }
    const msgType = /<MsgType><!\[CDATA\[event\]\]><\/MsgType>/.test(plainXml) ? 'event' : 'message';
    return this.lanes.run(account.id, () => this.exchange(account, url, query, plainXml, body, msgType));
  }

  async verify(url: string, token: string): Promise<VerifyResult> {
    if (!isHttpUrl(url)) return { ok: false, reason: 'the URL must start with http:// or https://', latencyMs: 0 };
    const echostr = String(randomInt(1_000_000_000, 9_999_999_999)) + String(randomInt(100_000_000, 999_999_999));
    const query = verificationQuery({ token, timestamp: String(nowSeconds(this.options.clock)), nonce: newNonce(), echostr });
    const result = await this.http('GET', appendQuery(url, query), undefined);
    if (result.kind === 'failed')
      return { ok: false, reason: describeFailure(result.outcome, result.error, this.timeoutMs), latencyMs: result.latencyMs };
    if (result.status !== 200)
      return { ok: false, reason: `the server answered HTTP ${result.status}`, latencyMs: result.latencyMs };
    const check = checkEchoAnswer(result.body, echostr);
    if (!check.verified) {
      const shown = result.body.length > 80 ? `${result.body.slice(0, 80)}…` : result.body;
      return {
        ok: false,
        reason: `the server answered "${shown}" instead of the echostr (check the Token)`,
        latencyMs: result.latencyMs,
      };
    }
    return { ok: true, latencyMs: result.latencyMs };
  }

  async probe(url: string): Promise<{ dns: { ip: string }[]; ping: { ip: string; time: string; lossPercent: number }[] }> {
    const target = new URL(url);
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const addresses = await lookup(target.hostname, { all: true });
    const ping = [];
    for (const { address } of addresses.slice(0, 4)) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = await tcpConnectMs(address, port, this.timeoutMs);
        if (t !== null) times.push(t);
      }
      const avg = times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0;
      ping.push({ ip: address, time: `${avg.toFixed(3)}ms`, lossPercent: Math.round(((3 - times.length) / 3) * 100) });
    }
    return { dns: addresses.map((a) => ({ ip: a.address })), ping };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async exchange(
    account: PushAccount,
    url: string,
    query: string,
    plainBody: string,
    sentBody: string,
    context: 'message' | 'event',
  ): Promise<PushAttempt> {
    const base = { url, query, mode: account.callback.mode, plainBody, sentBody };
    if (!isHttpUrl(url)) {
      return {
        ...base,
        outcome: 'invalid_url',
        httpStatus: null,
        responseBody: null,
        reply: null,
        error: 'no valid callback URL',
        latencyMs: 0,
      };
    }
    const result = await this.http('POST', appendQuery(url, query), sentBody);
    if (result.kind === 'failed') {
      return {
        ...base,
        outcome: result.outcome,
        httpStatus: null,
        responseBody: null,
        reply: null,
        error: result.error,
        latencyMs: result.latencyMs,
      };
    }
    const answered = { ...base, httpStatus: result.status, responseBody: result.body, latencyMs: result.latencyMs };
    if (result.status >= 300 && result.status < 400) {
      return {
        ...answered,
        outcome: 'redirect',
        reply: null,
        error: `redirect to ${result.location ?? '?'} (WeChat does not follow redirects)`,
      };
    }
    if (result.status !== 200) return { ...answered, outcome: 'http_error', reply: null, error: `HTTP ${result.status}` };
    try {
      const outcome = readReplyBody(result.body, {
        token: account.callback.token ?? '',
        appid: account.appid,
        encodingAesKey: account.callback.encodingAesKey ?? undefined,
        maxBytes: this.maxBytes,
        articleLimit: context === 'message' ? 1 : 8,
      });
      if (outcome.kind === 'none') return { ...answered, outcome: 'ack', reply: null, error: null };
      return { ...answered, outcome: 'reply', reply: toDomainReply(outcome.reply), error: null };
    } catch (error) {
      return {
        ...answered,
        outcome: classifyReplyError(error),
        reply: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private async http(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
  ): Promise<
    | { kind: 'answered'; status: number; body: string; latencyMs: number; location?: string }
    | { kind: 'failed'; outcome: PushOutcome; error: string; latencyMs: number }
  > {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(url, {
        method,
        dispatcher: this.agent,
        headers:
          method === 'POST'
            ? { 'content-type': 'text/xml; charset=utf-8', 'user-agent': USER_AGENT }
            : { 'user-agent': USER_AGENT },
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > this.maxBytes) {
          response.body.destroy();
          return { kind: 'failed', outcome: 'oversize', error: `reply larger than ${this.maxBytes} bytes`, latencyMs: elapsed() };
        }
        chunks.push(chunk as Buffer);
      }
      const location = response.headers.location;
      return {
        kind: 'answered',
        status: response.statusCode,
        body: Buffer.concat(chunks).toString('utf8'),
        latencyMs: elapsed(),
        ...(typeof location === 'string' ? { location } : {}),
      };
    } catch (error) {
      return {
        kind: 'failed',
        outcome: classifyNetworkError(error),
        error: error instanceof Error ? error.message : String(error),
        latencyMs: elapsed(),
      };
    }
  }
}

function classifyNetworkError(error: unknown): PushOutcome {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  const name = (error as { name?: string }).name;
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return 'timeout';
  }
  if (code === 'ECONNREFUSED') return 'refused';
  if (error instanceof undiciErrors.InvalidArgumentError || code === 'ERR_INVALID_URL') return 'invalid_url';
  return 'network';
}

function classifyReplyError(error: unknown): PushOutcome {
  if (isWechatError(error, 'wechat.signature_mismatch') || isWechatError(error, 'wechat.appid_mismatch')) return 'bad_signature';
  if (isWechatError(error, 'wechat.xml_too_large')) return 'oversize';
  if (isWechatError(error, 'wechat.reply_invalid')) return 'bad_reply';
  // Whatever fails once the ciphertext is opened (padding, length header, UTF-8) means a wrong
  // key or a tampered reply, like a bad signature; a wrong key passes the padding check about
  // once in 256 replies and then fails at the length header instead.
  if (
    isWechatError(error, 'wechat.decrypt_failed') ||
    isWechatError(error, 'wechat.padding_invalid') ||
    isWechatError(error, 'wechat.length_invalid') ||
    isWechatError(error, 'wechat.plaintext_invalid')
  ) {
    return 'bad_signature';
  }
  return 'bad_xml';
}

function describeFailure(outcome: PushOutcome, error: string, timeoutMs: number): string {
  if (outcome === 'timeout') return `no answer within ${timeoutMs / 1000} s`;
  if (outcome === 'refused') return 'connection refused (is the server running on that port?)';
  if (outcome === 'oversize') return 'the answer is too large';
  if (outcome === 'invalid_url') return 'the URL is not valid';
  return `network error: ${error}`;
}

/** Translates the wire reply into what the follower sees. */
function toDomainReply(reply: PassiveReply): DomainReply {
  const messages: MessageBody[] = [];
  switch (reply.msgType) {
    case 'text':
      messages.push({ type: 'text', content: reply.content });
      break;
    case 'image':
      messages.push({ type: 'image', mediaId: reply.mediaId, picUrl: '' });
      break;
    case 'voice':
      messages.push({ type: 'voice', mediaId: reply.mediaId, format: 'amr' });
      break;
    case 'video':
      messages.push({
        type: 'video',
        mediaId: reply.mediaId,
        thumbMediaId: '',
        title: reply.title ?? '',
        description: reply.description ?? '',
      });
      break;
    case 'music':
      messages.push({
        type: 'music',
        title: reply.title ?? '',
        description: reply.description ?? '',
        musicUrl: reply.musicUrl ?? '',
        hqMusicUrl: reply.hqMusicUrl ?? '',
        thumbMediaId: reply.thumbMediaId ?? '',
      });
      break;
    case 'news':
      messages.push({ type: 'news', articles: reply.articles.map((a) => ({ ...a })) });
      break;
    case 'transfer_customer_service':
      return { messages: [], transfer: { kfAccount: reply.kfAccount ?? null }, msgType: reply.msgType };
  }
  return { messages, transfer: null, msgType: reply.msgType };
}

function tcpConnectMs(host: string, port: number, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok ? performance.now() - started : null);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
