import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../modules/media/blob-store';

/**
 * {@link BlobStore} on the local file system, the embedded default (`GZH_BLOB_DIR`, by default
 * `<dataDir>/blobs`).
 *
 * - A key never becomes a path by itself: the file name is the SHA-256 of the key, so no key
 *   (`../../etc/passwd`, NUL bytes, names differing only in case on a case-insensitive disk) can
 *   reach outside the directory or collide with another key.
 * - Files fan out into two levels of 256 subdirectories (`ab/cd/abcd…`), which keeps directories
 *   small with millions of blobs.
 * - Writes go to a temporary file in the same directory, are flushed, then renamed over the final
 *   name: rename is atomic on one file system, so a reader sees the old blob or the new one,
 *   never a torn write, even if the process dies half-way.
 *
 * Several nodes can share the directory (NFS or a shared volume) since blobs are immutable once
 * written and names are derived from keys alone.
 */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;

  constructor(directory: string) {
    this.root = path.resolve(directory);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** Where the blob of `key` lives: `<root>/<h0h1>/<h2h3>/<sha256(key)>`. */
  pathOf(key: string): string {
    if (typeof key !== 'string' || key.length === 0) throw new Error('blob key must be a non-empty string');
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
