import type { Readable } from 'node:stream';
import { errorCodes, type FastifyRequest } from 'fastify';

/**
 * `multipart/form-data` for uploads, as WeChat SDKs send them (node-webot's formstream, Python
 * requests, Apache HttpClient, OkHttp) and browsers do: the whole body is read into memory (the
 * largest upload is a few megabytes) and split into parts.
 *
 * Oversized uploads are answered, not cut off: past the limit the rest of the body is read and
 * thrown away, so the client receives its errcode instead of a connection reset in mid-upload.
 * Only bodies beyond a much larger drain limit are refused early (and the connection closed).
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route accepts uploads: multipart bodies are split into parts (see {@link multipartParser}). */
    upload?: boolean;
  }
}

/** A file part (one with `filename=` in its Content-Disposition, even empty). */
export interface FormFile {
  /** Form field name (`media`). */
  field: string;
  /** File name as sent (`filename*=` decoded when present); may contain a client's path. */
  filename: string;
  /** The part's Content-Type, `application/octet-stream` when absent. */
  contentType: string;
  bytes: Buffer;
}

/** The parts of a form: files in order, text fields by name (first value wins). */
export interface ParsedForm {
  files: FormFile[];
  fields: Record<string, string>;
}

/** The body of an upload whose size went past the route's limit; its content was discarded. */
export const OVERSIZED_BODY = Object.freeze({ oversized: true as const });
export type OversizedBody = typeof OVERSIZED_BODY;

/** Parts beyond this many are ignored (uploads carry one file and at most a field or two). */
const MAX_PARTS = 32;

/** `boundary` parameter of a multipart Content-Type, or `null` when there is none. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return null;
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

/**
 * Splits a multipart body into its parts (RFC 7578). Lenient where clients differ (preamble,
 * LF-only line ends after a delimiter, missing part headers) and silent about garbage: a part
 * that cannot be read is left out, so a broken upload is an upload without its file (41005).
 */
export function parseMultipart(body: Buffer, boundary: string): ParsedForm {
  const form: ParsedForm = { files: [], fields: {} };
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  let parts = 0;
  while (pos >= 0 && parts < MAX_PARTS) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // close delimiter `--boundary--`
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else break;
    let headerText = '';
    let contentStart: number;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) {
      contentStart = pos + 2; // a part without headers
    } else {
      const headerEnd = body.indexOf('\r\n\r\n', pos);
      if (headerEnd < 0) break;
      headerText = body.toString('utf8', pos, headerEnd);
      contentStart = headerEnd + 4;
    }
    const end = body.indexOf(next, contentStart);
    if (end < 0) break; // truncated: the last part never closed
    addPart(form, headerText, body.subarray(contentStart, end));
    parts++;
    pos = end + 2;
  }
  return form;
}

function addPart(form: ParsedForm, headerText: string, content: Buffer): void {
  const headers = new Map<string, string>();
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = parseParams(headers.get('content-disposition') ?? '');
  const field = disposition.get('name');
  if (field === undefined) return;
  const filename = decodeExtended(disposition.get('filename*')) ?? disposition.get('filename');
  if (filename !== undefined) {
    form.files.push({
      field,
      filename,
      contentType: headers.get('content-type') || 'application/octet-stream',
      bytes: Buffer.from(content),
    });
  } else if (!Object.hasOwn(form.fields, field)) {
    form.fields[field] = content.toString('utf8');
  }
}

/** Parameters of a header value like `form-data; name="media"; filename="a.jpg"`, keys lowercased. */
function parseParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of value.matchAll(re)) {
    const raw = match[2]!.trim();
    const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    const key = match[1]!.toLowerCase();
    if (!params.has(key)) params.set(key, unquoted);
  }
  return params;
}

/** RFC 5987 `filename*=UTF-8''a%20b.jpg`; `undefined` when absent or unreadable. */
function decodeExtended(value: string | undefined): string | undefined {
  const match = value && /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const bytes = Buffer.from(
    match[2]!.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return bytes.toString(/^utf-?8$/i.test(match[1]!) ? 'utf8' : 'latin1');
}

/** Outcome of reading a body: its bytes, or `null` when it went past `limit` (and was drained). */
export async function readBody(
  stream: Readable,
  options: { limit: number; drainLimit: number; contentLength?: number },
): Promise<Buffer | null> {
  if (options.contentLength !== undefined && options.contentLength > options.drainLimit)
    throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += bytes.length;
    if (received > options.drainLimit) {
      stream.destroy();
      throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    }
    if (received <= options.limit) chunks.push(bytes);
    else chunks.length = 0; // over the limit: keep reading, keep nothing
  }
  return received > options.limit ? null : Buffer.concat(chunks, received);
}

/** Route config flag of the routes that accept uploads (`config: { upload: true }`). */
export function acceptsUploads(request: FastifyRequest): boolean {
  return request.routeOptions.config?.upload === true;
}

/**
 * A fastify content-type parser for `multipart/form-data`. On upload routes it yields a
 * {@link ParsedForm} (or {@link OVERSIZED_BODY} past the route's body limit, after draining up to
 * `drainLimit`); elsewhere the body is text up to the route's limit, as any other body is.
 */
export function multipartParser(options: { drainLimit: number }) {
  return async (request: FastifyRequest, payload: Readable): Promise<ParsedForm | OversizedBody | string> => {
    const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
    const header = request.headers['content-length'];
    const contentLength = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    const upload = acceptsUploads(request);
    const bytes = await readBody(payload, {
      limit,
      drainLimit: upload ? Math.max(options.drainLimit, limit) : limit,
      contentLength,
    });
    if (bytes === null) {
      if (upload) return OVERSIZED_BODY;
      throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    }
    if (!upload) return bytes.toString('utf8');
    const boundary = boundaryOf(request.headers['content-type']);
    return boundary ? parseMultipart(bytes, boundary) : { files: [], fields: {} };
  };
}
