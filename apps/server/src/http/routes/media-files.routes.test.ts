import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MP4 } from '../../testing/media-fixtures';
import { createTestApp, seedAccount, type TestApp } from '../../testing/test-context';
import { parseRange } from './media-files.routes';

describe('parseRange', () => {
  it('reads one byte range, open-ended and suffix forms', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('refuses ranges outside the file and ignores what it does not serve', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-4', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=-', 1000)).toBeNull();
  });
});

// The route only reads the database through the media service; SQLite is enough here.
describe('public media files /mmbiz/<key>', () => {
  let t: TestApp;
  let path: string;
  const clip = MP4(5000);

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const { accountId } = await seedAccount(t.services);
    const media = await t.services.media.addMaterial(accountId, {
      type: 'video',
      file: { filename: 'clip.mp4', bytes: clip },
      description: { title: 'Clip' },
    });
    path = `/mmbiz/${media.publicKey!}`;
  });
  afterAll(() => t.close());

  it('serves the bytes with their type, a strong ETag and cache headers, without credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    });
    expect(res.rawPayload.equals(clip)).toBe(true);
    const again = await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const head = await t.app.inject({ method: 'HEAD', url: path });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('video/mp4');
  });

  it('serves byte ranges for players, and 416 outside the file', async () => {
    const part = await t.app.inject({ method: 'GET', url: path, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${clip.length}`);
    expect(part.rawPayload.equals(clip.subarray(100, 200))).toBe(true);
    const outside = await t.app.inject({ method: 'GET', url: path, headers: { range: `bytes=${clip.length}-` } });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${clip.length}`);
  });

  it('answers 404 for unknown and malformed keys', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/mmbiz/unknownkey' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/mmbiz/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${path}x` })).statusCode).toBe(404);
  });
});
