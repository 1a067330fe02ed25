import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BlobCorruptError, BlobKeyError, BlobNotFoundError, LocalDiskBlobStore, type BlobStore } from './store.js';

const bytes = new TextEncoder().encode('政府信息公开 %PDF-1.4 fake attachment');
const sha = createHash('sha256').update(bytes).digest('hex');

describe('LocalDiskBlobStore', () => {
  let dir: string;
  let store: BlobStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-blobs-'));
    store = new LocalDiskBlobStore(join(dir, 'blobs')); // the folder is created on first put
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('put returns the SHA-256 as key, stores at <sha[0:2]>/<sha>, get returns the bytes', async () => {
    const put = await store.put(bytes);
    assert.deepEqual(put, { key: sha, sha256: sha, size: bytes.length });
    assert.deepEqual(await readdir(join(dir, 'blobs', sha.slice(0, 2))), [sha], 'no temp file left behind');
    const got = await store.get(put.key);
    assert.ok(Buffer.isBuffer(got));
    assert.deepEqual(new Uint8Array(got), bytes);
    assert.equal(await store.has(sha), true);
  });

  test('put is idempotent for the same bytes, also when called concurrently', async () => {
    assert.equal((await store.put(bytes)).key, sha);
    const fresh = new TextEncoder().encode('同时上传的附件');
    const results = await Promise.all([store.put(fresh), store.put(fresh), store.put(fresh.slice())]);
    const key = results[0].key;
    for (const r of results) assert.equal(r.key, key);
    assert.deepEqual(await readdir(join(dir, 'blobs', key.slice(0, 2))), [key], 'one file, no temp files');
    assert.deepEqual(await readdir(join(dir, 'blobs', sha.slice(0, 2))), [sha]);
  });

  test('different bytes get different keys; empty bytes are storable', async () => {
    const other = await store.put(new Uint8Array([1, 2, 3]));
    assert.notEqual(other.key, sha);
    const empty = await store.put(new Uint8Array(0));
    assert.equal(empty.key, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal((await store.get(empty.key)).length, 0);
  });

  test('get rejects keys that are not 64 lower-case hex characters (path traversal)', async () => {
    await writeFile(join(dir, 'secret.txt'), 'top secret');
    for (const key of ['../secret.txt', '../../etc/passwd', `${sha.slice(0, 2)}/../../secret.txt`, sha.toUpperCase(), `${sha}/`, `${sha.slice(0, 63)}.`, '', `/${sha.slice(1)}`]) {
      await assert.rejects(store.get(key), BlobKeyError, JSON.stringify(key));
      assert.equal(await store.has(key), false);
    }
  });

  test('an unknown well-formed key is BlobNotFoundError; has() is false', async () => {
    const missing = 'a'.repeat(64);
    await assert.rejects(store.get(missing), BlobNotFoundError);
    assert.equal(await store.has(missing), false);
  });

  test('a file altered on disk is detected on read', async () => {
    const put = await store.put(new TextEncoder().encode('original'));
    await writeFile(join(dir, 'blobs', put.key.slice(0, 2), put.key), 'tampered');
    await assert.rejects(store.get(put.key), BlobCorruptError);
  });
});
