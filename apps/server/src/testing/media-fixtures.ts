/**
 * Small files that pass (or deliberately fail) gzh's format checks, and a multipart body builder,
 * for media tests. The files carry real signatures followed by filler: gzh checks signatures,
 * not whole files, so a few hundred bytes stand in for a photo or a song.
 */

/** `size` bytes starting with `head`, the rest a repeating pattern (so truncation is visible). */
export function fileOf(head: number[] | string, size = 256): Buffer {
  const start = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  const out = Buffer.alloc(Math.max(size, start.length));
  for (let i = 0; i < out.length; i++) out[i] = (i * 31 + 7) & 0xff;
  start.copy(out, 0);
  return out;
}

export const JPEG = (size = 256) => fileOf([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46], size);
export const PNG = (size = 256) => fileOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size);
export const GIF = (size = 256) => fileOf('GIF89a', size);
export const BMP = (size = 256) => {
  const bytes = fileOf('BM', size);
  bytes.writeUInt32LE(40, 14);
  return bytes;
};
export const AMR = (size = 256) => fileOf('#!AMR\n', size);
export const MP3 = (size = 256) => fileOf('ID3\u0003\u0000', size);
export const MP4 = (size = 256) => fileOf([0x00, 0x00, 0x00, 0x18, ...Buffer.from('ftypisom')], size);

export interface Part {
  name: string;
  /** Present for file parts. */
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A `multipart/form-data` body and its Content-Type, the way formstream and requests write them. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gzhTestBoundary${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"` + (part.filename === undefined ? '' : `; filename="${part.filename}"`);
    const type = part.contentType ?? (part.filename === undefined ? undefined : 'application/octet-stream');
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`),
      Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(chunks);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
