import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { isAppError } from '../../shared/errors';
import type { ShortLink, ShortLinkStore } from './shortlink.repo';
import { MAX_SHORTEN_EXPIRE_SECONDS, ShortLinkService } from './shortlink.service';

/** In-memory stand-in for the `short_links` table, unique on the key like the real one. */
class MemoryShortLinks implements ShortLinkStore {
  readonly rows = new Map<string, ShortLink>();
  insert(accountId: string, link: Omit<ShortLink, 'accountId'>): Promise<void> {
    if (this.rows.has(link.key)) return Promise.reject(new Error('duplicate key'));
    this.rows.set(link.key, { ...link, accountId });
    return Promise.resolve();
  }
  findByKey(key: string): Promise<ShortLink | undefined> {
    return Promise.resolve(this.rows.get(key));
  }
}

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const service = new ShortLinkService(new MemoryShortLinks(), clock, 'http://gzh.test');
  return { clock, service };
}

async function errorCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('ShortLinkService', () => {
  it('shortens http(s) URLs to /s/<7 base62> and expands them back', async () => {
    const { service } = setup();
    const short = await service.longToShort('acc', 'long2short', 'https://example.com/a?b=1');
    expect(short).toMatch(/^http:\/\/gzh\.test\/s\/[A-Za-z0-9]{7}$/);
    expect(await service.expand(short.split('/s/')[1]!)).toBe('https://example.com/a?b=1');
    expect(await errorCode(service.longToShort('acc', 'short2long', 'https://example.com'))).toBe('shortlink.invalid_action');
    expect(await errorCode(service.longToShort('acc', 'long2short', 'ftp://example.com'))).toBe('shortlink.invalid_long_url');
    expect(await errorCode(service.longToShort('acc', 'long2short', 42))).toBe('shortlink.invalid_long_url');
    expect(await errorCode(service.longToShort('acc', 'long2short', `https://e.com/${'a'.repeat(5000)}`))).toBe(
      'shortlink.long_url_too_long',
    );
    expect(await errorCode(service.expand('nope'))).toBe('shorten.key_not_found');
  });

  it('keeps shorten data for its lifetime and reports the remaining seconds', async () => {
    const { service, clock } = setup();
    const key = await service.gen('acc', '{"a":1}', 100);
    expect(key).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(await service.fetch('acc', key)).toEqual({
      longData: '{"a":1}',
      createTime: Date.UTC(2026, 0, 1) / 1000,
      expireSeconds: 100,
    });
    clock.advance(40_500);
    expect((await service.fetch('acc', key)).expireSeconds).toBe(60);
    clock.advance(59_500);
    expect(await errorCode(service.fetch('acc', key))).toBe('shorten.key_not_found');
  });

  it('defaults to 30 days and enforces the data and lifetime limits', async () => {
    const { service } = setup();
    const key = await service.gen('acc', 'x', undefined);
    expect((await service.fetch('acc', key)).expireSeconds).toBe(MAX_SHORTEN_EXPIRE_SECONDS);
    await service.gen('acc', 'é'.repeat(2048), undefined); // 4096 bytes exactly
    expect(await errorCode(service.gen('acc', 'é'.repeat(2049), undefined))).toBe('shorten.long_data_too_long');
    expect(await errorCode(service.gen('acc', 'x', MAX_SHORTEN_EXPIRE_SECONDS + 1))).toBe('shorten.expire_too_large');
    expect(await errorCode(service.gen('acc', 'x', 0))).toBe('shorten.invalid_argument');
    expect(await errorCode(service.gen('acc', '', undefined))).toBe('shorten.invalid_argument');
    expect(await errorCode(service.gen('acc', { a: 1 }, undefined))).toBe('shorten.invalid_argument');
    expect(await errorCode(service.fetch('acc', undefined))).toBe('shorten.invalid_argument');
  });

  it('keeps the two kinds and the accounts apart', async () => {
    const { service } = setup();
    const key = await service.gen('acc', 'https://example.com', undefined);
    expect(await errorCode(service.fetch('other', key))).toBe('shorten.key_not_found');
    expect(await errorCode(service.expand(key))).toBe('shorten.key_not_found');
    const short = (await service.longToShort('acc', 'long2short', 'https://example.com')).split('/s/')[1]!;
    expect(await errorCode(service.fetch('acc', short))).toBe('shorten.key_not_found');
  });
});
