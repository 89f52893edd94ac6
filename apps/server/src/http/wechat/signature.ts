/**
 * WeChat callback signatures (spec/callback-protocol.md §1.2 and §6.5).
 *
 * Guarantees:
 * - `signature` = SHA-1 over the sorted, separator-free concatenation of token, timestamp and
 *   nonce; `msg_signature` adds the base64 `Encrypt` string as a fourth element. Sorting is plain
 *   UTF-16 code-unit order, which for the ASCII values on this wire is the byte order that
 *   wechatpy, WxJava, node-webot and EasyWeChat all use.
 * - Output is 40 lowercase hex characters; SDKs compare it case-sensitively, so do we.
 * - Inputs are used verbatim (no trimming, no number parsing): an SDK that sends a millisecond
 *   `TimeStamp` or reuses the request nonce still verifies (§5.5).
 * - Verification is constant-time in the signature contents, so a developer server cannot be
 *   probed byte by byte through reply timing.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedSha1(parts: string[]): string {
  return createHash('sha1').update(parts.sort(byCodeUnit).join(''), 'utf8').digest('hex');
}

/** `signature` of the URL-verification GET and of every push (§1.2); does not cover the body. */
export function sha1Signature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** `msg_signature` / `MsgSignature` of an encrypted push or reply (§6.5). */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/**
 * Constant-time equality of an expected signature and one received from the network. A received
 * value of another length (or not a string at all) is simply unequal.
 */
export function signaturesEqual(expected: string, received: unknown): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `signature` is the §1.2 signature of token/timestamp/nonce. */
export function verifySha1Signature(token: string, timestamp: string, nonce: string, signature: unknown): boolean {
  return signaturesEqual(sha1Signature(token, timestamp, nonce), signature);
}

/** True when `signature` is the §6.5 msg_signature of token/timestamp/nonce/encrypt. */
export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: unknown,
): boolean {
  return signaturesEqual(msgSignature(token, timestamp, nonce, encrypt), signature);
}

/**
 * A fresh query `nonce`: 9–10 decimal digits, the shape seen in real traffic (§0). Generated per
 * request (§2.1); SDKs never check it for freshness.
 */
export function newNonce(): string {
  return String(randomInt(100_000_000, 2 ** 32));
}
