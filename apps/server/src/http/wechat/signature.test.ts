import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { msgSignature, newNonce, sha1Signature, signaturesEqual, verifyMsgSignature, verifySha1Signature } from './signature';
import { SIGNATURE_EXAMPLES, VECTOR } from './spec-vectors';

describe('sha1Signature (§1.2)', () => {
  it.each(SIGNATURE_EXAMPLES)('reproduces the §1.4 example for nonce $nonce', ({ token, timestamp, nonce, signature }) => {
    expect(sha1Signature(token, timestamp, nonce)).toBe(signature);
    // Argument order must not matter: the three values are sorted before hashing.
    expect(sha1Signature(nonce, token, timestamp)).toBe(signature);
  });

  it('sorts by code unit, so upper case sorts before lower case and digits before both', () => {
    // '1' < 'Z' < 'a': the concatenation is "1Za" whatever the argument order.
    expect(sha1Signature('a', 'Z', '1')).toBe(createHash('sha1').update('1Za').digest('hex'));
    // Numeric-looking values are compared as text, not numbers: '1000' sorts before '999'.
    expect(sha1Signature('999', '1000', 'tok')).toBe(createHash('sha1').update('1000999tok').digest('hex'));
  });

  it('is 40 lowercase hex characters', () => {
    expect(sha1Signature('t', '1', '2')).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('msgSignature (§6.5)', () => {
  it('reproduces the §6.9 push and reply signatures', () => {
    const { token, push, reply } = VECTOR;
    expect(msgSignature(token, push.timestamp, push.nonce, push.encrypt)).toBe(push.msgSignature);
    expect(msgSignature(token, reply.timestamp, reply.nonce, reply.encrypt)).toBe(reply.msgSignature);
  });
});

describe('verification', () => {
  const { token, push } = VECTOR;

  it('accepts the right signature and refuses anything else', () => {
    expect(verifySha1Signature(token, push.timestamp, push.nonce, push.signature)).toBe(true);
    expect(verifySha1Signature(token, push.timestamp, push.nonce, push.signature.toUpperCase())).toBe(false);
    expect(verifySha1Signature(token, push.timestamp, push.nonce, push.signature.slice(1))).toBe(false);
    expect(verifySha1Signature(token, push.timestamp, push.nonce, '')).toBe(false);
    expect(verifySha1Signature(token, push.timestamp, push.nonce, undefined)).toBe(false);
    expect(verifySha1Signature('other_token', push.timestamp, push.nonce, push.signature)).toBe(false);
  });

  it('verifies a msg_signature over Encrypt and refuses a tampered ciphertext', () => {
    expect(verifyMsgSignature(token, push.timestamp, push.nonce, push.encrypt, push.msgSignature)).toBe(true);
    expect(verifyMsgSignature(token, push.timestamp, push.nonce, push.encrypt + 'A', push.msgSignature)).toBe(false);
  });

  it('compares strings of different length or type without throwing', () => {
    expect(signaturesEqual('abc', 'abcd')).toBe(false);
    expect(signaturesEqual('abc', 42)).toBe(false);
    expect(signaturesEqual('é', 'é')).toBe(true);
  });
});

describe('newNonce', () => {
  it('is 9–10 decimal digits and varies', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    for (const n of nonces) expect(n).toMatch(/^\d{9,10}$/);
    expect(nonces.size).toBeGreaterThan(45);
  });
});
