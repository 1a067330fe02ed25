/**
 * Where uploaded attachment bytes live. Records keep only the key; `BlobStore` lets an object
 * store (S3-compatible, OSS, COS) replace the local disk later without touching callers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface BlobStore {
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
}

export class BlobKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid blob key (expected 64 lower-case hex characters): ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'BlobKeyError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Blob not found: ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobCorruptError extends Error {
  constructor(readonly key: string) {
    super(`Blob content does not match its key (disk corruption or tampering): ${key}`);
    this.name = 'BlobCorruptError';
  }
}

const KEY = /^[0-9a-f]{64}$/;

export function isBlobKey(key: string): boolean {
  return KEY.test(key);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed files at `<dir>/<sha[0:2]>/<sha>`: the key is the SHA-256 of the bytes, so the
 * same attachment uploaded twice is stored once, and a key can never name a path outside `dir`.
 */
export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private pathFor(key: string): string {
    // Validation before any path is built is what stops `../../etc/passwd` style keys.
    if (!isBlobKey(key)) throw new BlobKeyError(key);
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const result = { key: sha256, sha256, size: bytes.length };
    const target = this.pathFor(sha256);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length) return result; // idempotent
    const folder = join(this.dir, sha256.slice(0, 2));
    await mkdir(folder, { recursive: true });
    // Write-then-rename in the same folder: readers see either no file or the whole file, never a
    // torn one, even if the process dies mid-write. fsync makes the data durable before the rename.
    const temp = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    await syncDir(folder);
    return result;
  }

  async get(key: string): Promise<Buffer> {
    const path = this.pathFor(key);
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw err;
    }
    // Attachments are at most tens of MiB: hashing on read is cheap and catches bit rot or edits.
    if (sha256Hex(data) !== key) throw new BlobCorruptError(key);
    return data;
  }

  async has(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    const s = await stat(this.pathFor(key)).catch(() => undefined);
    return s?.isFile() ?? false;
  }
}

/** Makes the rename itself durable; not possible on every platform (e.g. Windows), so best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore: the file data is already synced
  }
}
