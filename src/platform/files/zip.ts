/**
 * A small, defensive ZIP reader for uploaded office documents (DOCX, XLSX, OFD).
 *
 * Why not fflate's unzipSync alone: it trusts the sizes declared in the headers and inflates a whole
 * entry in one call, so a zip bomb (a few KiB that inflate to gigabytes) would exhaust memory. Here
 * the central directory is parsed by hand and each entry is inflated through fflate's streaming
 * `Inflate` in small compressed slices, counting the real output and stopping at a byte cap.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is skipped when reading. */
  method: number;
  compressedSize: number;
  /** As declared by the archive: never trusted for allocation. */
  declaredSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Stop inflating once this many uncompressed bytes have been produced across all entries. */
  maxTotalBytes: number;
  /** Entries beyond this many in the central directory are ignored. */
  maxEntries: number;
}

export interface ZipReadResult {
  files: Map<string, Uint8Array>;
  /** Uncompressed bytes actually produced. */
  totalBytes: number;
  /** True when a cap was hit or an entry was corrupt, so `files` is partial. */
  truncated: boolean;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 50 * 1024 * 1024, maxEntries: 10_000 };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
// Compressed bytes pushed per inflate step: deflate expands at most ~1032:1, so one step produces
// at most ~4 MiB before the cap is checked again.
const SLICE = 4096;

const utf8 = new TextDecoder('utf-8');
const cp437ish = new TextDecoder('latin1');

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === SIG_LOCAL;
}

/** Entry names from the central directory; falls back to walking local headers if it is missing. */
export function listZipEntries(bytes: Uint8Array, maxEntries = DEFAULT_ZIP_LIMITS.maxEntries): ZipEntry[] {
  const central = readCentralDirectory(bytes, maxEntries);
  return central ?? walkLocalHeaders(bytes, maxEntries);
}

/** Reads the entries `want` accepts, within `limits`. Never throws on malformed input. */
export function readZip(
  bytes: Uint8Array,
  want: (name: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): ZipReadResult {
  const files = new Map<string, Uint8Array>();
  let totalBytes = 0;
  let truncated = false;
  for (const entry of listZipEntries(bytes, limits.maxEntries)) {
    if (!want(entry.name)) continue;
    const remaining = limits.maxTotalBytes - totalBytes;
    if (remaining <= 0) {
      truncated = true;
      break;
    }
    const data = entryData(bytes, entry);
    if (!data) {
      truncated = true;
      continue;
    }
    const out = inflateCapped(data, entry.method, remaining);
    if (!out) continue; // unsupported compression method: skip quietly
    totalBytes += out.bytes.length;
    if (out.truncated) truncated = true;
    files.set(entry.name, out.bytes);
  }
  return { files, totalBytes, truncated };
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}

function decodeName(raw: Uint8Array, flags: number): string {
  // Bit 11 marks UTF-8 names; older Chinese tools write GBK without it, which we cannot tell apart
  // reliably, so such names are read as latin1 (only ASCII part names matter for detection).
  const name = (flags & 0x800) !== 0 ? utf8.decode(raw) : cp437ish.decode(raw);
  return name.replace(/\\/g, '/');
}

function findEocd(bytes: Uint8Array): number {
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes at the end of the file.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (u32(bytes, i) === SIG_EOCD) return i;
  }
  return -1;
}

function readCentralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] | undefined {
  const eocd = findEocd(bytes);
  if (eocd < 0) return undefined;
  const declaredCount = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  if (p >= bytes.length || u32(bytes, p) !== SIG_CENTRAL) return undefined;
  const entries: ZipEntry[] = [];
  // 0xFFFF means ZIP64 (count elsewhere): then read until the signatures stop.
  const limit = declaredCount === 0xffff ? maxEntries : Math.min(declaredCount, maxEntries);
  while (entries.length < limit && p + 46 <= bytes.length && u32(bytes, p) === SIG_CENTRAL) {
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    entries.push({
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLen), u16(bytes, p + 8)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function walkLocalHeaders(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < maxEntries && p + 30 <= bytes.length && u32(bytes, p) === SIG_LOCAL) {
    const flags = u16(bytes, p + 6);
    const nameLen = u16(bytes, p + 26);
    const extraLen = u16(bytes, p + 28);
    const compressedSize = u32(bytes, p + 18);
    entries.push({
      name: decodeName(bytes.subarray(p + 30, p + 30 + nameLen), flags),
      method: u16(bytes, p + 8),
      compressedSize,
      declaredSize: u32(bytes, p + 22),
      localHeaderOffset: p,
    });
    // With a data descriptor (bit 3) the size is unknown here: stop rather than guess.
    if ((flags & 0x8) !== 0) break;
    p += 30 + nameLen + extraLen + compressedSize;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || u32(bytes, p) !== SIG_LOCAL) return undefined;
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return bytes.subarray(start); // truncated upload: read what is there
  return bytes.subarray(start, end);
}

function inflateCapped(
  data: Uint8Array,
  method: number,
  cap: number,
): { bytes: Uint8Array; truncated: boolean } | undefined {
  if (method === 0) {
    return data.length > cap ? { bytes: data.slice(0, cap), truncated: true } : { bytes: data.slice(), truncated: false };
  }
  if (method !== 8) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  let full = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (final) ended = true;
    if (full) return;
    const room = cap - size;
    if (chunk.length > room) {
      chunks.push(chunk.slice(0, room));
      size = cap;
      full = true;
    } else {
      chunks.push(chunk.slice());
      size += chunk.length;
    }
  });
  let corrupt = false;
  try {
    for (let o = 0; o < data.length && !full; o += SLICE) {
      const end = Math.min(o + SLICE, data.length);
      inflater.push(data.subarray(o, end), end === data.length);
    }
  } catch {
    corrupt = true; // keep what was inflated before the bad block
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, truncated: full || corrupt || !ended };
}
