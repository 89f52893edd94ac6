import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { isAppError } from '../../shared/errors';
import { AMR, JPEG, MP4, PNG } from '../../testing/media-fixtures';
import { MemoryBlobStore } from './blob-store';
import type { MaterialUsage } from './material-usage';
import type { MediaStore, PublicFile } from './media.repo';
import { MediaService, type CapacityRule } from './media.service';
import type { MediaRecord, StoredMediaType, StoredNewsArticle } from './media.types';

/** In-memory stand-in for the `media` table. */
class MemoryMedia implements MediaStore {
  readonly rows: MediaRecord[] = [];
  failInserts = false;

  insert(accountId: string, record: Omit<MediaRecord, 'accountId'>): Promise<void> {
    if (this.failInserts) return Promise.reject(new Error('disk full'));
    this.rows.push({ ...record, accountId });
    return Promise.resolve();
  }
  find(accountId: string, mediaId: string): Promise<MediaRecord | undefined> {
    return Promise.resolve(this.rows.find((r) => r.accountId === accountId && r.mediaId === mediaId));
  }
  findByPublicKey(publicKey: string): Promise<PublicFile | undefined> {
    const r = this.rows.find((row) => row.publicKey === publicKey);
    return Promise.resolve(
      r?.blobKey ? { accountId: r.accountId, contentType: r.contentType, blobKey: r.blobKey, deletedAt: r.deletedAt } : undefined,
    );
  }
  countMaterials(accountId: string): Promise<Partial<Record<StoredMediaType, number>>> {
    const out: Partial<Record<StoredMediaType, number>> = {};
    for (const r of this.live(accountId)) out[r.type] = (out[r.type] ?? 0) + 1;
    return Promise.resolve(out);
  }
  listMaterials(accountId: string, types: readonly StoredMediaType[], offset: number, limit: number): Promise<MediaRecord[]> {
    const rows = this.live(accountId)
      .filter((r) => types.includes(r.type))
      .sort((a, b) => b.createdAt - a.createdAt || (a.mediaId < b.mediaId ? 1 : -1));
    return Promise.resolve(rows.slice(offset, offset + limit));
  }
  markDeleted(accountId: string, mediaId: string, atMs: number): Promise<boolean> {
    const r = this.live(accountId).find((row) => row.mediaId === mediaId);
    if (r) r.deletedAt = atMs;
    return Promise.resolve(!!r);
  }
  updateArticles(accountId: string, mediaId: string, articles: StoredNewsArticle[], atMs: number): Promise<boolean> {
    const r = this.rows.find((row) => row.accountId === accountId && row.mediaId === mediaId && row.deletedAt === null);
    if (r) Object.assign(r, { articles, updatedAt: atMs });
    return Promise.resolve(!!r);
  }
  private live(accountId: string): MediaRecord[] {
    return this.rows.filter((r) => r.accountId === accountId && r.material && r.deletedAt === null);
  }
}

function setup(capacity?: Partial<Record<StoredMediaType, CapacityRule>>) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new MemoryMedia();
  const blobs = new MemoryBlobStore();
  const used = new Map<string, string>();
  const usage: MaterialUsage = { usedBy: (_account, mediaId) => Promise.resolve(used.get(mediaId) ?? null) };
  const service = new MediaService(store, blobs, clock, 'http://gzh.test/', usage, { capacity });
  return { clock, store, blobs, used, service };
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

const file = (filename: string, bytes: Buffer) => ({ filename, bytes });
const DAY = 86_400_000;

describe('MediaService', () => {
  it('resolves temporary media of its own account for exactly 3 days', async () => {
    const { clock, service } = setup();
    const media = await service.upload('acc1', { type: 'image', file: file('a.png', PNG()) });
    const ref = await service.resolve('acc1', media.mediaId);
    expect(ref).toEqual({
      mediaId: media.mediaId,
      type: 'image',
      permanent: false,
      url: expect.stringMatching(/^http:\/\/gzh\.test\/mmbiz\/[A-Za-z0-9_-]{32}$/) as string,
      filename: 'a.png',
      contentType: 'image/png',
      size: PNG().length,
      title: '',
      description: '',
      createdAt: clock.nowMs(),
    });
    expect(await service.resolve('acc2', media.mediaId)).toBeUndefined();
    clock.advance(3 * DAY - 1);
    expect(await service.resolve('acc1', media.mediaId)).toBeDefined();
    clock.advance(1);
    expect(await service.resolve('acc1', media.mediaId)).toBeUndefined();
    expect(await errorCode(service.get('acc1', media.mediaId))).toBe('media.invalid_media_id');
    // The file itself stays reachable: messages that showed it keep showing it.
    expect((await service.publicFile(ref!.url.split('/').pop()!))?.bytes.equals(PNG())).toBe(true);
  });

  it('keeps materials until deleted, then resolves nothing and serves no file', async () => {
    const { clock, blobs, service } = setup();
    const material = await service.addMaterial('acc1', { type: 'voice', file: file('v.amr', AMR()) });
    clock.advance(365 * DAY);
    const ref = await service.resolve('acc1', material.mediaId);
    expect(ref).toMatchObject({ type: 'voice', permanent: true, contentType: 'audio/amr' });
    await service.deleteMaterial('acc1', material.mediaId);
    expect(await service.resolve('acc1', material.mediaId)).toBeUndefined();
    expect(await service.publicFile(material.publicKey!)).toBeUndefined();
    expect(blobs.blobs.size).toBe(0);
    expect(await errorCode(service.deleteMaterial('acc1', material.mediaId))).toBe('media.invalid_media_id');
  });

  it('refuses to delete a material in use and says where', async () => {
    const { used, service } = setup();
    const material = await service.addMaterial('acc1', { type: 'image', file: file('a.jpg', JPEG()) });
    used.set(material.mediaId, 'menu');
    const error = await service.deleteMaterial('acc1', material.mediaId).catch((e: unknown) => e);
    expect(isAppError(error, 'media.in_use') && error.message).toMatch(/\(menu\)$/);
    expect(await service.resolve('acc1', material.mediaId)).toBeDefined();
  });

  it('hands out news only through newsMaterial, with cover URLs that follow the cover', async () => {
    const { service } = setup();
    const cover = await service.addMaterial('acc1', { type: 'thumb', file: file('c.jpg', JPEG()) });
    const article = { title: 'T', thumb_media_id: cover.mediaId, content: '<p>x</p>', need_open_comment: '1' };
    const news = await service.addNews('acc1', [article]);
    expect(await service.resolve('acc1', news.mediaId)).toBeUndefined();
    const articles = await service.newsMaterial('acc1', news.mediaId);
    expect(articles).toEqual([
      {
        title: 'T',
        thumbMediaId: cover.mediaId,
        thumbUrl: service.urlOf(cover.publicKey!),
        author: '',
        digest: '',
        content: '<p>x</p>',
        contentSourceUrl: '',
        showCoverPic: false,
        needOpenComment: true,
        onlyFansCanComment: false,
      },
    ]);
    expect(await service.newsMaterial('acc2', news.mediaId)).toBeUndefined();
    expect(await service.newsMaterial('acc1', cover.mediaId)).toBeUndefined();
    await service.deleteMaterial('acc1', cover.mediaId);
    expect((await service.newsMaterial('acc1', news.mediaId))![0]!.thumbUrl).toBe('');
  });

  it('expires legacy uploadnews news with other temporary media', async () => {
    const { clock, service } = setup();
    const thumb = await service.upload('acc1', { type: 'thumb', file: file('t.jpg', JPEG()) });
    const news = await service.uploadNews('acc1', [{ title: 'T', thumb_media_id: thumb.mediaId, content: 'c' }]);
    expect(news).toMatchObject({ type: 'news', permanent: false, material: false });
    expect(await service.newsMaterial('acc1', news.mediaId)).toHaveLength(1);
    clock.advance(3 * DAY);
    expect(await service.newsMaterial('acc1', news.mediaId)).toBeUndefined();
  });

  it('caps the library per kind: news and images share one limit', async () => {
    const { service } = setup({ image: { limit: 2, counts: ['image', 'news'] }, news: { limit: 2, counts: ['image', 'news'] } });
    const img = await service.addMaterial('acc1', { type: 'image', file: file('a.jpg', JPEG()) });
    await service.addNews('acc1', [{ title: 'T', thumb_media_id: img.mediaId, content: 'c' }]);
    expect(await errorCode(service.addMaterial('acc1', { type: 'image', file: file('b.jpg', JPEG()) }))).toBe(
      'media.library_full',
    );
    expect(await errorCode(service.addNews('acc1', [{ title: 'T', thumb_media_id: img.mediaId, content: 'c' }]))).toBe(
      'media.library_full',
    );
    // Other accounts and other kinds are unaffected; temporary media never count.
    await service.addMaterial('acc2', { type: 'image', file: file('a.jpg', JPEG()) });
    await service.addMaterial('acc1', { type: 'thumb', file: file('t.jpg', JPEG()) });
    await service.upload('acc1', { type: 'image', file: file('a.jpg', JPEG()) });
    expect(await service.countMaterials('acc1')).toEqual({ image: 2, voice: 0, video: 0, news: 1 });
  });

  it('writes the blob before the row and removes it when the row cannot be stored', async () => {
    const { store, blobs, service } = setup();
    store.failInserts = true;
    await expect(service.upload('acc1', { type: 'image', file: file('a.jpg', JPEG()) })).rejects.toThrow('disk full');
    expect(blobs.blobs.size).toBe(0);
  });

  it('copies the bytes for uploadvideo, so deleting the source material keeps the broadcast video', async () => {
    const { service } = setup();
    const source = await service.addMaterial('acc1', {
      type: 'video',
      file: file('clip.mp4', MP4(500)),
      description: { title: 'Launch', introduction: 'All of it' },
    });
    const mass = await service.uploadMassVideo('acc1', { mediaId: source.mediaId, title: 'Mass', description: 'Cut' });
    await service.deleteMaterial('acc1', source.mediaId);
    const ref = await service.resolve('acc1', mass.mediaId);
    expect(ref).toMatchObject({ type: 'video', title: 'Mass', description: 'Cut', permanent: false });
    expect((await service.publicFile(mass.publicKey!))?.bytes.equals(MP4(500))).toBe(true);
  });

  it('turns a discarded oversized body into 45001 before looking at anything else', async () => {
    const { service } = setup();
    expect(await errorCode(service.upload('acc1', { type: 'image', file: undefined, tooLarge: true }))).toBe(
      'media.body_too_large',
    );
    expect(await errorCode(service.upload('acc1', { type: 'bogus', file: undefined, tooLarge: true }))).toBe(
      'media.invalid_type',
    );
  });

  it('serves no public file for malformed keys', async () => {
    const { service } = setup();
    expect(await service.publicFile('../../etc/passwd')).toBeUndefined();
    expect(await service.publicFile('')).toBeUndefined();
  });
});
