import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';

/** A satisfiable byte range of a file of `size` bytes, inclusive ends. */
interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range of a `Range: bytes=…` header, or `'unsatisfiable'` (416), or `null` when the
 * header is absent or not something to honour (several ranges, other units): then the whole
 * file is sent, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null;
  if (!match[1]) {
    // `bytes=-N`: the last N bytes.
    const length = Math.min(Number(match[2]), size);
    return length === 0 ? 'unsatisfiable' : { start: size - length, end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Media files for browsers at `<publicUrl>/mmbiz/<key>` (what WeChat serves from mmbiz.qpic.cn):
 * article pages, the follower client and the console show images and play voice and video from
 * here. No credentials: the key is unguessable. The bytes of a key never change, so responses
 * carry a strong ETag and may be cached for a day (deleted files disappear within it); byte
 * ranges are served because browsers (Safari above all) stream audio and video with them.
 */
export async function mediaFileRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  app.get<{ Params: { key: string } }>('/mmbiz/:key', { schema: { hide: true } }, async (request, reply) => {
    const key = request.params.key;
    const file = await services.media.publicFile(key);
    if (!file) {
      return reply.status(404).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send('not found\n');
    }
    const etag = `"${key}"`;
    void reply
      .header('cache-control', 'public, max-age=86400')
      .header('etag', etag)
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const size = file.bytes.length;
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
    if (range) {
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .type(file.contentType)
        .send(file.bytes.subarray(range.start, range.end + 1));
    }
    return reply.type(file.contentType).send(file.bytes);
  });
}
