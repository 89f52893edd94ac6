import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/**
 * Identifier formats of the WeChat wire (spec/callback-protocol.md §0), generated with
 * `node:crypto` so that SDK parsers and column sizes accept them unchanged.
 */

/** `wx` + 16 lowercase hex, e.g. `wx4f4bc4dec97d474b`. */
export function newAppId(): string {
  return 'wx' + randomBytes(8).toString('hex');
}

/** `gh_` + 12 lowercase hex, the account's original id (`ToUserName` of pushes). */
export function newOriginalId(): string {
  return 'gh_' + randomBytes(6).toString('hex');
}

/** 32 lowercase hex, the shape of a real AppSecret. */
export function newAppSecret(): string {
  return randomBytes(16).toString('hex');
}

let sequence = 0;

/**
 * An id that sorts by creation time (`prefix_` + 9 base-36 chars of epoch ms + a 4-char
 * per-process sequence + 4 random chars), for keyset paging of append-only ledgers where many rows
 * share a millisecond.
 */
export function newSortableId(prefix: string, nowMs: number): string {
  sequence = (sequence + 1) % 1_679_616;
  return `${prefix}_${nowMs.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomToken(4).toLowerCase()}`;
}

/** Random URL-safe string of `length` characters from `[A-Za-z0-9_-]`. */
export function randomToken(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4) + 3)
    .toString('base64url')
    .slice(0, length);
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Short lowercase alphanumeric id with a readable prefix (`p_…` for persons, `org_…`). */
export function newId(prefix: string, length = 16): string {
  let out = '';
  const bytes = randomBytes(length);
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i]! % ALNUM.length];
  return `${prefix}_${out}`;
}

/**
 * OpenID of a person for one account: `o` + 27 chars of `[A-Za-z0-9_-]` (28 in all).
 *
 * Derived by HMAC from the account's salt so that a person who unfollows and follows again gets
 * the same OpenID, as on WeChat, and so that bulk seeding needs no lookups.
 */
export function deriveOpenId(accountSalt: string, personId: string): string {
  return 'o' + createHmac('sha256', accountSalt).update(personId).digest('base64url').slice(0, 27);
}

/** UnionID of a person in one organisation; same shape as an OpenID, stable per organisation. */
export function deriveUnionId(organisationSalt: string, personId: string): string {
  return (
    'o' +
    createHmac('sha256', organisationSalt)
      .update('union:' + personId)
      .digest('base64url')
      .slice(0, 27)
  );
}

/** True when `value` has the shape of an OpenID (it may still belong to another account). */
export function isOpenIdShape(value: unknown): value is string {
  return typeof value === 'string' && /^o[A-Za-z0-9_-]{27}$/.test(value);
}

/** SHA-256 hex; used to store high-entropy secrets (AppSecrets, tokens, API keys) at rest. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const RID_POOL_BYTES = 8192;
let ridPool = Buffer.alloc(0);
let ridOffset = 0;

/**
 * Request id in WeChat's modern shape: three groups of 8 hex (`6571a3b2-0a1b2c3d-4e5f6a7b`), the
 * first being the time. Every HTTP request gets one, so the random part is drawn from a pooled
 * buffer instead of a `randomBytes` call per request.
 */
export function newRid(nowSeconds: number): string {
  if (ridOffset + 8 > ridPool.length) {
    ridPool = randomBytes(RID_POOL_BYTES);
    ridOffset = 0;
  }
  const head = (nowSeconds >>> 0).toString(16).padStart(8, '0');
  const tail = ridPool.toString('hex', ridOffset, ridOffset + 8);
  ridOffset += 8;
  return `${head}-${tail.slice(0, 8)}-${tail.slice(8)}`;
}

/** A random positive integer below 2^31, for ids WeChat shows as plain numbers (menuid). */
export function randomId31(): number {
  return randomInt(100_000_000, 2_147_483_647);
}
