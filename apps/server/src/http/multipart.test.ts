import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart, readBody } from './multipart';

const B = 'XyZ123';
const body = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');

describe('boundaryOf', () => {
  it('reads quoted and bare boundaries of multipart/form-data only', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf('application/json; boundary=abc')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});

describe('parseMultipart', () => {
  it('splits files and fields, keeping binary content exact', () => {
    const bytes = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const raw = Buffer.concat([
      body(
        `preamble to ignore\n--${B}\nContent-Disposition: form-data; name="media"; filename="a.jpg"\nContent-Type: image/jpeg\n\n`,
      ),
      bytes,
      body(`\n--${B}\nContent-Disposition: form-data; name="description"\n\n{"title":"标题"}\n--${B}--\n`),
    ]);
    const form = parseMultipart(raw, B);
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({ field: 'media', filename: 'a.jpg', contentType: 'image/jpeg' });
    expect(form.files[0]!.bytes.equals(bytes)).toBe(true);
    expect(form.fields).toEqual({ description: '{"title":"标题"}' });
  });

  it('decodes escaped quotes, UTF-8 names and RFC 5987 filename*', () => {
    const raw = body(
      `--${B}\nContent-Disposition: form-data; name="media"; filename="say \\"hi\\".png"\n\nx\n` +
        `--${B}\nContent-Disposition: form-data; name="media"; filename="照片.jpg"\n\ny\n` +
        `--${B}\nContent-Disposition: form-data; name="media"; filename="fallback.jpg"; filename*=UTF-8''%E5%9B%BE.jpg\n\nz\n--${B}--`,
    );
    expect(parseMultipart(raw, B).files.map((f) => f.filename)).toEqual(['say "hi".png', '照片.jpg', '图.jpg']);
  });

  it('treats a part with an empty filename as a file, and one without name as nothing', () => {
    const raw = body(
      `--${B}\nContent-Disposition: form-data; name="media"; filename=""\n\n\n` +
        `--${B}\nContent-Disposition: form-data; filename="x.jpg"\n\nlost\n--${B}--`,
    );
    const form = parseMultipart(raw, B);
    expect(form.files).toEqual([
      { field: 'media', filename: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) },
    ]);
  });

  it('drops a part that never closes and reads nothing from garbage', () => {
    const truncated = body(`--${B}\nContent-Disposition: form-data; name="media"; filename="a.jpg"\n\nhalf of a fi`);
    expect(parseMultipart(truncated, B).files).toEqual([]);
    expect(parseMultipart(Buffer.from('not multipart at all'), B)).toEqual({ files: [], fields: {} });
    expect(parseMultipart(body(`--${B}garbage`), B)).toEqual({ files: [], fields: {} });
  });

  it('accepts LF line ends after a delimiter (some hand-written clients)', () => {
    const raw = Buffer.from(`--${B}\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--${B}--`);
    expect(parseMultipart(raw, B).fields).toEqual({ a: 'value' });
  });
});

describe('readBody', () => {
  const stream = (chunks: number[]) => Readable.from(chunks.map((n) => Buffer.alloc(n, 1)));

  it('returns the bytes within the limit', async () => {
    expect((await readBody(stream([3, 4]), { limit: 10, drainLimit: 20 }))?.length).toBe(7);
  });

  it('drains a body past the limit and reports it as oversized instead of failing', async () => {
    expect(await readBody(stream([6, 6, 6]), { limit: 10, drainLimit: 20 })).toBeNull();
  });

  it('gives up past the drain limit or when Content-Length announces too much', async () => {
    await expect(readBody(stream([15, 15]), { limit: 10, drainLimit: 20 })).rejects.toMatchObject({
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    await expect(readBody(stream([1]), { limit: 10, drainLimit: 20, contentLength: 21 })).rejects.toMatchObject({
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
  });
});
