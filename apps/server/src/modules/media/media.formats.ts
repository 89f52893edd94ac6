import { MATERIAL_FILE_LIMITS } from '@gzh/contracts';
import { MediaErrors } from './media.errors';
import type { MediaType, UploadFile } from './media.types';

/**
 * File formats and per-type limits of uploads (spec/api-catalog.md §5.1, §5.2).
 *
 * A file is accepted when its name has an extension the type allows AND its first bytes are a
 * format the type allows: a renamed text file is refused whatever its name. The two need not name
 * the same format within one type (a PNG saved as `.jpg` is still an image), and what gzh records
 * and serves is the format the bytes say, so downloads carry the right Content-Type.
 */
export type FileFormat = 'jpeg' | 'png' | 'gif' | 'bmp' | 'amr' | 'mp3' | 'wav' | 'wma' | 'mp4';

interface FormatInfo {
  /** Extensions that name the format, lowercase without the dot. */
  extensions: readonly string[];
  /** Extension of downloads (`<MEDIA_ID>.<ext>`). */
  extension: string;
  contentType: string;
  /** True when the bytes start like a file of this format. */
  sniff(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const FORMATS: Record<FileFormat, FormatInfo> = {
  jpeg: {
    extensions: ['jpg', 'jpeg'],
    extension: 'jpg',
    contentType: 'image/jpeg',
    sniff: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  png: {
    extensions: ['png'],
    extension: 'png',
    contentType: 'image/png',
    sniff: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  gif: {
    extensions: ['gif'],
    extension: 'gif',
    contentType: 'image/gif',
    sniff: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  },
  bmp: {
    extensions: ['bmp'],
    extension: 'bmp',
    contentType: 'image/bmp',
    // "BM" alone is too common in text; the DIB header that follows has one of a few sizes.
    sniff: (b) => startsWith(b, ascii('BM')) && b.length >= 26 && [12, 40, 52, 56, 64, 108, 124].includes(b.readUInt32LE(14)),
  },
  amr: {
    extensions: ['amr'],
    extension: 'amr',
    contentType: 'audio/amr',
    sniff: (b) => startsWith(b, ascii('#!AMR\n')) || startsWith(b, ascii('#!AMR-WB\n')),
  },
  mp3: {
    extensions: ['mp3'],
    extension: 'mp3',
    contentType: 'audio/mpeg',
    sniff: (b) => startsWith(b, ascii('ID3')) || isMpegLayer3Frame(b),
  },
  wav: {
    extensions: ['wav'],
    extension: 'wav',
    contentType: 'audio/wav',
    sniff: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WAVE'), 8),
  },
  wma: {
    extensions: ['wma'],
    extension: 'wma',
    contentType: 'audio/x-ms-wma',
    // The ASF header object's GUID.
    sniff: (b) => startsWith(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]),
  },
  mp4: {
    extensions: ['mp4'],
    extension: 'mp4',
    contentType: 'video/mp4',
    // ISO base media: a box size, then the `ftyp` box type.
    sniff: (b) => startsWith(b, ascii('ftyp'), 4),
  },
};

/** An MPEG-1/2/2.5 Layer III frame header without reserved values (an MP3 without ID3 tag). */
function isMpegLayer3Frame(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 0x03;
  const layer = (b[1]! >> 1) & 0x03;
  const bitrate = b[2]! >> 4;
  const sampleRate = (b[2]! >> 2) & 0x03;
  return version !== 1 && layer === 1 && bitrate !== 0x0f && sampleRate !== 0x03;
}

/** What one kind of upload accepts. */
export interface UploadRule {
  maxBytes: number;
  formats: readonly FileFormat[];
}

const MiB = 1024 * 1024;

/** Temporary media (`media/upload`): image 10 MB png/jpeg/gif, voice 2 MB amr/mp3, video 10 MB mp4, thumb 64 KB jpg. */
export const TEMPORARY_RULES: Readonly<Record<MediaType, UploadRule>> = {
  image: { maxBytes: 10 * MiB, formats: ['jpeg', 'png', 'gif'] },
  voice: { maxBytes: 2 * MiB, formats: ['amr', 'mp3'] },
  video: { maxBytes: 10 * MiB, formats: ['mp4'] },
  thumb: { maxBytes: 64 * 1024, formats: ['jpeg'] },
};

/**
 * Permanent materials (`material/add_material`): images also as bmp, voice also as wma/wav.
 * Sizes come from `@gzh/contracts`, which the console shows to operators before they upload.
 */
export const MATERIAL_RULES: Readonly<Record<MediaType, UploadRule>> = {
  image: { maxBytes: MATERIAL_FILE_LIMITS.image.maxBytes, formats: ['bmp', 'png', 'jpeg', 'gif'] },
  voice: { maxBytes: MATERIAL_FILE_LIMITS.voice.maxBytes, formats: ['mp3', 'wma', 'wav', 'amr'] },
  video: { maxBytes: MATERIAL_FILE_LIMITS.video.maxBytes, formats: ['mp4'] },
  thumb: { maxBytes: MATERIAL_FILE_LIMITS.thumb.maxBytes, formats: ['jpeg'] },
};

/** Extensions a rule accepts (what the console's file picker offers). */
export function extensionsOf(rule: UploadRule): string[] {
  return rule.formats.flatMap((f) => FORMATS[f].extensions);
}

/** Images inside article content (`media/uploadimg`): jpg/png up to 1 MB. */
export const CONTENT_IMAGE_RULE: UploadRule = { maxBytes: 1 * MiB, formats: ['jpeg', 'png'] };

/** The largest file any upload accepts; the transport sizes its body limit from it. */
export const MAX_UPLOAD_BYTES = Math.max(
  ...[...Object.values(TEMPORARY_RULES), ...Object.values(MATERIAL_RULES), CONTENT_IMAGE_RULE].map((r) => r.maxBytes),
);

/** A file that passed its rule: the format its bytes are in. */
export interface CheckedFile {
  format: FileFormat;
  contentType: string;
  /** Canonical extension of the format (`jpg`, `mp3`). */
  extension: string;
  /** Base name of the uploaded file (no directories). */
  filename: string;
  bytes: Buffer;
}

/**
 * Checks an uploaded file against a rule, in this order: present (41005), not empty (44001),
 * extension allowed (40005), size within the limit (40009–40012 by `type`), content in an
 * allowed format (40005).
 */
export function checkUpload(rule: UploadRule, type: MediaType, file: UploadFile | undefined): CheckedFile {
  if (!file) throw MediaErrors.missingMedia();
  if (file.bytes.length === 0) throw MediaErrors.emptyFile();
  const filename = baseName(file.filename);
  const extension = extensionOf(filename);
  const allowed = extensionsOf(rule);
  if (!extension || !allowed.includes(extension)) {
    throw MediaErrors.invalidFileType(`invalid file type, ${type} must be ${allowed.join('/')}, got "${filename}"`);
  }
  if (file.bytes.length > rule.maxBytes) throw MediaErrors.tooLarge(type, rule.maxBytes);
  const format = rule.formats.find((f) => FORMATS[f].sniff(file.bytes));
  if (!format) throw MediaErrors.invalidFileType(`invalid file type, the content of "${filename}" is not ${allowed.join('/')}`);
  const info = FORMATS[format];
  return { format, contentType: info.contentType, extension: info.extension, filename, bytes: file.bytes };
}

/** Canonical download extension of a stored Content-Type (`bin` for anything unknown). */
export function extensionOfContentType(contentType: string): string {
  return Object.values(FORMATS).find((f) => f.contentType === contentType)?.extension ?? 'bin';
}

/** The last path segment: browsers and some SDKs send `C:\fakepath\a.jpg` or `dir/a.jpg`. */
function baseName(filename: string): string {
  return filename.split(/[/\\]/).pop()!.trim();
}

function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? null : filename.slice(dot + 1).toLowerCase();
}
