import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalBlobStore } from './local-blob-store';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('LocalBlobStore', () => {
  let base: string;
  let dir: string;
  let store: LocalBlobStore;

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-blobs-'));
    dir = path.join(base, 'blobs');
    store = new LocalBlobStore(dir);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('round-trips bytes, replaces on put and forgets on delete', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 0xff, 0xd8]);
    await store.put('k1', bytes);
    expect(await store.get('k1')).toEqual(bytes);
    await store.put('k1', Buffer.from('second'));
    expect((await store.get('k1'))?.toString()).toBe('second');
    await store.delete('k1');
    expect(await store.get('k1')).toBeUndefined();
    // Deleting or reading what is not there is not an error.
    await store.delete('k1');
    expect(await store.get('never-written')).toBeUndefined();
  });

  it('stores an empty blob and a blob of several megabytes', async () => {
    await store.put('empty', Buffer.alloc(0));
    expect(await store.get('empty')).toEqual(Buffer.alloc(0));
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    await store.put('big', big);
    expect((await store.get('big'))?.equals(big)).toBe(true);
  });

  it('fans files out into two levels of subdirectories and leaves no temporary files', async () => {
    await store.put('a', Buffer.from('x'));
    await store.put('b', Buffer.from('y'));
    const files = filesUnder(dir);
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{2}[/\\][0-9a-f]{2}[/\\][0-9a-f]{64}$/);
  });

  it('keeps hostile keys inside its directory', async () => {
    const keys = ['../../escape', '/etc/passwd', '..\\..\\win', 'a/../../b', 'nul\u0000byte', '.', '..'];
    for (const key of keys) {
      await store.put(key, Buffer.from(key));
      expect((await store.get(key))?.toString()).toBe(key);
      expect(path.relative(dir, store.pathOf(key)).startsWith('..')).toBe(false);
    }
    // Nothing was written next to the directory.
    expect(fs.readdirSync(base)).toEqual(['blobs']);
    expect(filesUnder(dir)).toHaveLength(keys.length);
  });

  it('tells keys apart that differ only in case (safe on case-insensitive disks)', async () => {
    await store.put('AbC', Buffer.from('upper'));
    await store.put('abc', Buffer.from('lower'));
    expect((await store.get('AbC'))?.toString()).toBe('upper');
    expect((await store.get('abc'))?.toString()).toBe('lower');
  });

  it('refuses an empty key', async () => {
    await expect(store.put('', Buffer.from('x'))).rejects.toThrow(/non-empty/);
  });

  it('never exposes a partly written blob to readers', async () => {
    const first = Buffer.alloc(2 * 1024 * 1024, 1);
    const second = Buffer.alloc(2 * 1024 * 1024, 2);
    await store.put('k', first);
    const writes = [store.put('k', second), store.put('k', first), store.put('k', second)];
    const reads: (Buffer | undefined)[] = [];
    for (let i = 0; i < 5; i++) reads.push(await store.get('k'));
    await Promise.all(writes);
    for (const read of reads) {
      expect(read?.length).toBe(first.length);
      expect(read!.equals(first) || read!.equals(second)).toBe(true);
    }
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
