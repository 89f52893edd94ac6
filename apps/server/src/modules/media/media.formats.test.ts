import { MATERIAL_FILE_LIMITS } from '@gzh/contracts';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { AMR, BMP, GIF, JPEG, MP3, MP4, PNG, fileOf } from '../../testing/media-fixtures';
import {
  CONTENT_IMAGE_RULE,
  MATERIAL_RULES,
  MAX_UPLOAD_BYTES,
  TEMPORARY_RULES,
  checkUpload,
  extensionOfContentType,
  extensionsOf,
} from './media.formats';

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'ok';
}

describe('checkUpload', () => {
  it('records the format the bytes are in, whatever extension of the type the name has', () => {
    expect(checkUpload(TEMPORARY_RULES.image, 'image', { filename: 'x.jpg', bytes: PNG() })).toMatchObject({
      format: 'png',
      contentType: 'image/png',
      extension: 'png',
    });
    expect(checkUpload(MATERIAL_RULES.image, 'image', { filename: 'x.BMP', bytes: BMP() }).contentType).toBe('image/bmp');
    expect(checkUpload(TEMPORARY_RULES.voice, 'voice', { filename: 'v.mp3', bytes: MP3() }).contentType).toBe('audio/mpeg');
    expect(checkUpload(TEMPORARY_RULES.video, 'video', { filename: 'v.mp4', bytes: MP4() }).contentType).toBe('video/mp4');
    expect(checkUpload(TEMPORARY_RULES.image, 'image', { filename: 'g.gif', bytes: GIF() }).contentType).toBe('image/gif');
  });

  it('recognises MP3 without an ID3 tag by its frame header, and WAV and WMA materials', () => {
    const frame = fileOf([0xff, 0xfb, 0x90, 0x64]);
    expect(checkUpload(MATERIAL_RULES.voice, 'voice', { filename: 'a.mp3', bytes: frame }).format).toBe('mp3');
    const wav = fileOf('RIFF\u0000\u0000\u0000\u0000WAVEfmt ');
    expect(checkUpload(MATERIAL_RULES.voice, 'voice', { filename: 'a.wav', bytes: wav }).format).toBe('wav');
    const wma = fileOf([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]);
    expect(checkUpload(MATERIAL_RULES.voice, 'voice', { filename: 'a.wma', bytes: wma }).format).toBe('wma');
    // A reserved MPEG layer is not MP3; "BM" text is not a bitmap.
    expect(
      codeOf(() => checkUpload(MATERIAL_RULES.voice, 'voice', { filename: 'a.mp3', bytes: fileOf([0xff, 0xf9, 0x90, 0x64]) })),
    ).toBe('media.invalid_file_type');
    expect(
      codeOf(() =>
        checkUpload(MATERIAL_RULES.image, 'image', { filename: 'a.bmp', bytes: fileOf('BMW is a car brand, not a bitmap') }),
      ),
    ).toBe('media.invalid_file_type');
  });

  it('checks in order: present, non-empty, extension, size, content', () => {
    const rule = TEMPORARY_RULES.thumb;
    expect(codeOf(() => checkUpload(rule, 'thumb', undefined))).toBe('media.missing_media');
    expect(codeOf(() => checkUpload(rule, 'thumb', { filename: 'a.txt', bytes: Buffer.alloc(0) }))).toBe('media.empty_file');
    expect(codeOf(() => checkUpload(rule, 'thumb', { filename: 'a.txt', bytes: Buffer.alloc(100_000) }))).toBe(
      'media.invalid_file_type',
    );
    expect(codeOf(() => checkUpload(rule, 'thumb', { filename: 'a.jpg', bytes: Buffer.alloc(100_000) }))).toBe(
      'media.thumb_too_large',
    );
    expect(codeOf(() => checkUpload(rule, 'thumb', { filename: 'a.jpg', bytes: Buffer.alloc(100) }))).toBe(
      'media.invalid_file_type',
    );
    expect(codeOf(() => checkUpload(rule, 'thumb', { filename: 'a.jpg', bytes: JPEG(64 * 1024) }))).toBe('ok');
  });

  it('keeps only the base name of a file sent with a path', () => {
    expect(checkUpload(TEMPORARY_RULES.voice, 'voice', { filename: 'C:\\fakepath\\memo.amr', bytes: AMR() }).filename).toBe(
      'memo.amr',
    );
    expect(checkUpload(TEMPORARY_RULES.voice, 'voice', { filename: '../../memo.amr', bytes: AMR() }).filename).toBe('memo.amr');
  });

  it('allows only jpg/png up to 1 MB in article content', () => {
    expect(codeOf(() => checkUpload(CONTENT_IMAGE_RULE, 'image', { filename: 'a.gif', bytes: GIF() }))).toBe(
      'media.invalid_file_type',
    );
    expect(codeOf(() => checkUpload(CONTENT_IMAGE_RULE, 'image', { filename: 'a.png', bytes: PNG(1024 * 1024 + 1) }))).toBe(
      'media.image_too_large',
    );
  });

  it('tells the console exactly what material uploads accept', () => {
    for (const type of ['image', 'voice', 'video', 'thumb'] as const) {
      expect([...MATERIAL_FILE_LIMITS[type].extensions].sort(), type).toEqual(extensionsOf(MATERIAL_RULES[type]).sort());
      expect(MATERIAL_FILE_LIMITS[type].maxBytes, type).toBe(MATERIAL_RULES[type].maxBytes);
    }
  });

  it('sizes the transport from the largest rule and names downloads by format', () => {
    expect(MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
    expect(extensionOfContentType('image/jpeg')).toBe('jpg');
    expect(extensionOfContentType('audio/amr')).toBe('amr');
    expect(extensionOfContentType('application/x-unknown')).toBe('bin');
  });
});
