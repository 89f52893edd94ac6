import { randomInt } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ShortLinkErrors } from './qrcode.errors';
import type { ShortLinkKind, ShortLinkStore } from './shortlink.repo';

/** Largest `long_data` of `shorten/gen`, in UTF-8 bytes (4 KB, spec §7.3). */
export const MAX_LONG_DATA_BYTES = 4096;
/** Longest and default lifetime of a short key (30 days). */
export const MAX_SHORTEN_EXPIRE_SECONDS = 2_592_000;
/** Longest `long_url` gzh shortens (gzh policy; WeChat documents none). */
export const MAX_LONG_URL_LENGTH = 4096;
/** `shorten/gen` keys: 15 base62 characters, like WeChat's `iTAzWAZjpABzlwe`. */
export const SHORTEN_KEY_LENGTH = 15;
/** `shorturl` keys: 7 base62 characters, like WeChat's `w.url.cn/s/AvCo6Ih`. */
export const SHORTURL_KEY_LENGTH = 7;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_SHAPE = /^[A-Za-z0-9]{1,32}$/;

/** What `shorten/fetch` answers: the data, its creation time and its remaining lifetime (seconds). */
export interface ShortenFetched {
  longData: string;
  createTime: number;
  expireSeconds: number;
}

/**
 * Short links of spec §7.3: the deprecated `shorturl` (a long URL behind `<publicUrl>/s/<key>`,
 * which does not expire) and `shorten/gen`/`fetch` (up to 4 KB of data behind a 15-character key
 * for up to 30 days). Both share one key space; a key is only ever read back as the kind it was
 * made as, and `shorten` keys only by the account that made them.
 */
export class ShortLinkService {
  private readonly baseUrl: string;

  constructor(
    private readonly repo: ShortLinkStore,
    private readonly clock: Clock,
    publicUrl: string,
  ) {
    this.baseUrl = publicUrl.replace(/\/+$/, '');
  }

  /**
   * `shorturl` with `action: "long2short"`: a new short URL for an http(s) URL. Each call mints a
   * new key (WeChat does not document whether it reuses one).
   */
  async longToShort(accountId: string, action: unknown, longUrl: unknown): Promise<string> {
    if (action !== 'long2short') throw ShortLinkErrors.invalidAction();
    if (typeof longUrl !== 'string') throw ShortLinkErrors.invalidLongUrl();
    const url = longUrl.trim();
    if (url.length > MAX_LONG_URL_LENGTH) throw ShortLinkErrors.longUrlTooLong(MAX_LONG_URL_LENGTH);
    if (!isHttpUrl(url)) throw ShortLinkErrors.invalidLongUrl();
    const key = await this.store(accountId, 'shorturl', url, null, SHORTURL_KEY_LENGTH);
    return `${this.baseUrl}/s/${key}`;
  }

  /** The long URL behind `/s/<key>`; `shorten.key_not_found` for anything else. */
  async expand(key: string): Promise<string> {
    const link = KEY_SHAPE.test(key) ? await this.repo.findByKey(key) : undefined;
    if (!link || link.kind !== 'shorturl') throw ShortLinkErrors.keyNotFound();
    return link.longData;
  }

  /** `shorten/gen`: stores `longData` (≤ 4 KB) for `expireSeconds` (default and maximum 30 days). */
  async gen(accountId: string, longData: unknown, expireSeconds: unknown): Promise<string> {
    if (typeof longData !== 'string' || !longData) throw ShortLinkErrors.invalidArgument('long_data must be a non-empty string');
    if (Buffer.byteLength(longData, 'utf8') > MAX_LONG_DATA_BYTES) throw ShortLinkErrors.longDataTooLong(MAX_LONG_DATA_BYTES);
    const seconds = expireSeconds === undefined ? MAX_SHORTEN_EXPIRE_SECONDS : expireSeconds;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 1) {
      throw ShortLinkErrors.invalidArgument('expire_seconds must be a positive integer');
    }
    if (seconds > MAX_SHORTEN_EXPIRE_SECONDS) throw ShortLinkErrors.expireTooLarge(MAX_SHORTEN_EXPIRE_SECONDS);
    const expiresAt = this.clock.nowMs() + seconds * 1000;
    return this.store(accountId, 'shorten', longData, expiresAt, SHORTEN_KEY_LENGTH);
  }

  /** `shorten/fetch`: the data of a live key of this account, with its remaining seconds. */
  async fetch(accountId: string, key: unknown): Promise<ShortenFetched> {
    if (typeof key !== 'string' || !key) throw ShortLinkErrors.invalidArgument('short_key must be a non-empty string');
    const link = KEY_SHAPE.test(key) ? await this.repo.findByKey(key) : undefined;
    const now = this.clock.nowMs();
    if (!link || link.kind !== 'shorten' || link.accountId !== accountId || (link.expiresAt !== null && now >= link.expiresAt)) {
      throw ShortLinkErrors.keyNotFound();
    }
    return {
      longData: link.longData,
      createTime: Math.floor(link.createdAt / 1000),
      expireSeconds: link.expiresAt === null ? MAX_SHORTEN_EXPIRE_SECONDS : Math.ceil((link.expiresAt - now) / 1000),
    };
  }

  /** Inserts under a fresh random key; a clash with an existing key (rare) draws again. */
  private async store(
    accountId: string,
    kind: ShortLinkKind,
    longData: string,
    expiresAt: number | null,
    keyLength: number,
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const key = randomBase62(keyLength);
      try {
        await this.repo.insert(accountId, { key, kind, longData, createdAt: this.clock.nowMs(), expiresAt });
        return key;
      } catch (error) {
        if (attempt >= 4 || !(await this.repo.findByKey(key))) throw error;
      }
    }
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}
