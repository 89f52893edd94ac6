import { randomBytes, randomInt } from 'node:crypto';
import { readReplyBody } from '../../apps/server/src/http/wechat/reply';
import type { DeveloperConfig } from '../lib/child-protocol';
import { startServerChild, type ServerChild } from '../lib/children';
import { ECHO_PREFIX } from '../lib/developer-server';
import { measure, type LoadRequest, type LoadResult, type LoadSettings } from '../lib/load';
import { measureRoundTrips, type LatencySummary } from '../lib/round-trips';
import { tempDir } from '../lib/temp';

/**
 * Scenario 3: the conversation round trip. Followers chat with an account whose developer server
 * is the node-webot `wechat` middleware in its own process: follower → gzh (store, queue) → worker
 * push → middleware (verify, decrypt, echo, encrypt) → gzh (verify, decrypt, store) → the
 * follower's event stream. Throughput is completed round trips per second with one message in
 * flight per follower (see round-trips.ts).
 *
 * The baseline, in the same run, is autocannon posting the very push gzh sent (read back from the
 * delivery ledger: same signed query, same XML, same ciphertext in safe mode) straight to the same
 * developer server with the same concurrency: the rate that server answers pushes at on its own.
 * The ratio is what everything gzh does around the developer's work costs. Plain and safe mode
 * each get a fresh gzh and a fresh developer server.
 */

/** The modes measured: the cheapest, and the one with AES on both legs. */
export const CONVERSATION_MODES = ['plain', 'safe'] as const;
export type ConversationMode = (typeof CONVERSATION_MODES)[number];

/** What every follower sends; the bot answers `echo: hello`. */
const CONTENT = 'hello';

export interface ConversationModeResult {
  mode: ConversationMode;
  /** Round trips through gzh; `requestsPerSecond` is round trips per second. */
  gzh: LoadResult;
  /** The part of each round trip until `POST …/messages` answered (message stored, push queued). */
  send: LatencySummary;
  /** autocannon posting the recorded push to the developer server directly. */
  baseline: LoadResult;
  /** gzh round trips/s ÷ baseline req/s. */
  ratio: number;
  pushBytes: number;
  replyBytes: number;
  /** First distinct failure reasons of the gzh load, if any. */
  failureReasons: string[];
  /** gzh's CPU time (every thread) per completed round trip in the measured window. */
  cpuMsPerRoundTrip: number | null;
}

export interface ConversationResult {
  /** Concurrent followers, and autocannon connections for the baseline. */
  followers: number;
  modes: ConversationModeResult[];
}

export async function runConversation(options: {
  tempRoot: string;
  load: LoadSettings;
  onProgress?: (text: string) => void;
}): Promise<ConversationResult> {
  const modes: ConversationModeResult[] = [];
  for (const mode of CONVERSATION_MODES) {
    options.onProgress?.(`${mode} mode: developer server alone, then round trips through gzh…`);
    modes.push(await runMode(mode, options.tempRoot, options.load));
  }
  return { followers: options.load.connections, modes };
}

async function runMode(mode: ConversationMode, tempRoot: string, load: LoadSettings): Promise<ConversationModeResult> {
  let gzh: ServerChild | undefined;
  let developer: ServerChild | undefined;
  try {
    gzh = await startServerChild({
      kind: 'conversation',
      dataDir: tempDir(tempRoot, `conversation-${mode}`),
      persons: load.connections,
    });
    const { account, followers } = gzh.ready;
    if (!account || !followers?.length) throw new Error('conversation child reported no account or followers');
    const config: DeveloperConfig = { token: newToken(), appid: account.appid, encodingAesKey: newEncodingAesKey(), mode };
    developer = await startServerChild({ kind: 'developer', developer: config });
    const { push } = await gzh.ask<'connect-developer'>({
      type: 'connect-developer',
      url: developer.ready.url,
      developer: config,
      content: CONTENT,
    });
    const expectedReply = ECHO_PREFIX + CONTENT;
    if (push.shown !== expectedReply) throw new Error(`priming round trip showed "${push.shown}", expected "${expectedReply}"`);

    const request: LoadRequest = { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: push.body };
    const pushUrl = `${push.url}?${push.query}`;
    await expectReply(pushUrl, request, config, expectedReply);

    // Developer server alone first, then through gzh: each measured while nothing else runs.
    const baseline = await measure(pushUrl, load, replyCheck(mode, expectedReply), request);
    const measured = await measureRoundTrips(
      {
        url: gzh.ready.url,
        appid: account.appid,
        followers,
        content: CONTENT,
        expectedReply,
        serverCpuMs: async () => (await gzh!.ask<'cpu-usage'>({ type: 'cpu-usage' })).ms,
      },
      load,
    );
    return {
      mode,
      gzh: measured.roundTrips,
      send: measured.send,
      baseline,
      ratio: measured.roundTrips.requestsPerSecond / baseline.requestsPerSecond,
      pushBytes: Buffer.byteLength(push.body),
      replyBytes: Buffer.byteLength(push.replyBody),
      failureReasons: measured.failureReasons,
      cpuMsPerRoundTrip: measured.serverCpuMsPerRoundTrip,
    };
  } finally {
    await developer?.stop();
    await gzh?.stop();
  }
}

/**
 * The per-response check autocannon runs: cheap, since it runs in the load generator's loop. The
 * full check (signature, decryption, content) is done once beforehand by {@link expectReply}; the
 * replies differ from each other only in CreateTime, and in safe mode nonce and ciphertext.
 */
function replyCheck(mode: ConversationMode, expectedReply: string): (body: string) => boolean {
  if (mode === 'plain') return (body) => body.includes(`<Content><![CDATA[${expectedReply}]]></Content>`);
  return (body) => body.startsWith('<xml><Encrypt><![CDATA[') && body.includes('<MsgSignature>');
}

/** Posts the recorded push once and reads the answer as gzh would: verified, decrypted, parsed. */
async function expectReply(url: string, request: LoadRequest, config: DeveloperConfig, expected: string): Promise<void> {
  const response = await fetch(url, request);
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`developer server answered the recorded push with HTTP ${response.status}: ${body}`);
  const outcome = readReplyBody(body, { ...config, maxBytes: 256 * 1024 });
  const text = outcome.kind === 'reply' && outcome.reply.msgType === 'text' ? outcome.reply.content : undefined;
  if (text !== expected || outcome.kind !== 'reply' || outcome.encrypted !== (config.mode === 'safe')) {
    throw new Error(`developer server's answer to the recorded push is not the expected reply: ${body.slice(0, 300)}`);
  }
}

/** A Token as the MP admin UI allows: 3–32 letters or digits. */
function newToken(): string {
  return `bench${randomBytes(8).toString('hex')}`;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A canonical EncodingAESKey: 43 letters or digits whose last one has its two low bits clear, so
 * the key round-trips through every SDK's base64 decoder (the middleware's included).
 */
function newEncodingAesKey(): string {
  let key = '';
  for (let i = 0; i < 42; i++) key += BASE62[randomInt(BASE62.length)];
  return key + 'AEIMQUYcgkosw048'[randomInt(16)];
}
