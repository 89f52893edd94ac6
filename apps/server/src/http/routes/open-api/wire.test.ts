import { describe, expect, it } from 'vitest';
import { parseJsonBody, toWireJson } from './wire';

describe('toWireJson', () => {
  it('prints bigint ids as raw JSON numbers without precision loss', () => {
    const text = toWireJson({ errcode: 0, msgid: 3717005636572528642n, list: [1n], name: 'big:1' });
    expect(text).toBe('{"errcode":0,"msgid":3717005636572528642,"list":[1],"name":"big:1"}');
  });

  it('keeps non-ASCII text raw', () => {
    expect(toWireJson({ name: '广东' })).toBe('{"name":"广东"}');
  });
});

describe('parseJsonBody', () => {
  it('treats an empty or blank body as absent and rejects malformed JSON', () => {
    expect(parseJsonBody('')).toBeUndefined();
    expect(parseJsonBody('  \n')).toBeUndefined();
    expect(parseJsonBody('{"tag":{"name":"\\u5e7f\\u4e1c"}}')).toEqual({ tag: { name: '广东' } });
    expect(() => parseJsonBody('{"a":')).toThrow(SyntaxError);
  });
});
