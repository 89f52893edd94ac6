/**
 * The worked vectors of spec/callback-protocol.md §1.4 and §6.9, verbatim.
 *
 * They are computed independently of this code (Node crypto, `openssl enc -nopad`, Python
 * hashlib) and WeChat SDKs agree with them, so a toolkit that reproduces them byte for byte
 * interoperates. Tests import them; so can interop suites and the sandbox's fake developer server.
 */

/** §1.4: token / timestamp / nonce → signature. */
export const SIGNATURE_EXAMPLES = [
  { token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696' },
  { token: 'AAAAA', timestamp: '1714037059', nonce: '486452656', signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78' },
  {
    token: 'compat_token_2024',
    timestamp: '1700000000',
    nonce: '1357924680',
    signature: '67fa29d7c1466cb08566d1bd5ba2b55f68820444',
  },
] as const;

/** §6.9: one encrypted push and one encrypted reply. */
export const VECTOR = {
  token: 'compat_token_2024',
  encodingAesKey: 'Kq3vX9pLm2Rt7Wz4Yb8Nc1Hd5Fg0Js6Ae2Uo9Ti3Qw8',
  appid: 'wx5f0c1d2e3a4b6c7d',
  aesKeyHex: '2aadef5fda4b9b646ded6cf861bf0d7351dde4583426ce807b6528f538b7430f',
  ivHex: '2aadef5fda4b9b646ded6cf861bf0d73',
  push: {
    timestamp: '1700000000',
    nonce: '1357924680',
    openid: 'oAbCdEfGhIjKlMnOpQrStUvWx012',
    random: 'q1w2e3r4t5y6u7i8',
    innerXml:
      '<xml><ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><FromUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello 你好]]></Content><MsgId>24300000000000001</MsgId></xml>',
    signature: '67fa29d7c1466cb08566d1bd5ba2b55f68820444',
    encrypt:
      'jmjFOF5vMvqO9jj2eRkFYpNshHvp7Ns46Cn1v65v6/SCwEyEz9QL2LqLk52QtVY6Z3FfHe22C5lhkGl5dapb3slXH5kRy9Mg2cUUHAFP0TwXylHsi6qv2m+QfDo+hLDZekalHwAEO4JuDc4FG78U1NdpGGTV7V8ptc4G1etwXjtVY+n5TbVZTqWUAbglVmfugdVq24Jf+GRMhDmpTiddkmCRz0ZFzV1P1bY1Mfj8PpR5UYhVH3fST0wkz3rp2g6Od0eJRXrUeNu6wf0c9bb7Ebmfv2DjOjsYXdL8wHJwbPshuEcX1Rxxc4AqJr09ZfNtsb5ZX+kT1mFqHDoUowfrL38s0xOeLMLf46bDb0yAHofjiIm83xQrGdnHIzhen/i2p/WqSe+dR6Aofwl3uqDhfcTvMXiHkh4C1X0VPiMh8C8=',
    msgSignature: '40ad79cfeec0816ecb54659418b0808dbf3a6a81',
    query:
      'signature=67fa29d7c1466cb08566d1bd5ba2b55f68820444&timestamp=1700000000&nonce=1357924680&openid=oAbCdEfGhIjKlMnOpQrStUvWx012&encrypt_type=aes&msg_signature=40ad79cfeec0816ecb54659418b0808dbf3a6a81',
  },
  reply: {
    timestamp: '1700000001',
    nonce: '246813579',
    random: 'z9y8x7w6v5u4t3s2',
    innerXml:
      '<xml><ToUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></ToUserName><FromUserName><![CDATA[gh_a1b2c3d4e5f6]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[echo: hello 你好]]></Content></xml>',
    encrypt:
      '1Zaa+1+ugM0Ky4xm1qJQIXb1FpRDNBrg6AH6BLNNG3nWJVVJqWYGucMcm0vP2KPKiFN+O7OpqccxhFxDwMitVYSLIQJOmw56RAOT9XYOpU5RgRIkAN19n73n1GGZwo2SpbwQw/J7XoQajo/KUKkxBJM5me5WyXSAkwcy3pihbKk0yWIhK6b8Q6nV0tmys7NfRLPOmlm2WgJOq4VruUmi5K5vL2LQ6X+T2EiJld/PSYfiRjPcDkmgMEHAr2sgcKsdlEWhc8rWjQLnyVfUu92pnRnS8SjWYeh8wWu0XYn+MN+zDkemgl3j8C/cqRM5MJe/7JOzGsw4NjvY4lsHQ7+ENR+ibMyfTojQKC6bD2mL4w31hDrEglCIj4F0WgylrtnXXVKFZB9TpufDXUs0B7NXaXlsyW7/YL3SEl97xXuJKrQ=',
    msgSignature: '963698160f0b090ae678d6a19d1d0c826aba3446',
  },
} as const;

/** The §6.7 envelope of the §6.9 reply, as an SDK would send it. */
export const VECTOR_REPLY_BODY = `<xml><Encrypt><![CDATA[${VECTOR.reply.encrypt}]]></Encrypt><MsgSignature><![CDATA[${VECTOR.reply.msgSignature}]]></MsgSignature><TimeStamp>${VECTOR.reply.timestamp}</TimeStamp><Nonce><![CDATA[${VECTOR.reply.nonce}]]></Nonce></xml>`;
