import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** Whether a landing file is stored gzip-compressed (`.csv.gz`). */
export function isGzip(name: string): boolean {
  return /\.gz$/i.test(name);
}

/**
 * sha256 (hex) of a landing file's content as the contract defines it: the decompressed bytes of
 * a `.csv.gz`, the bytes as stored otherwise (`storedSha256`, already known from the scan, is
 * returned without reading the file again). Streams; memory stays flat.
 *
 * @throws Error from the file system or gzip (a truncated `.gz`).
 */
export async function contentSha256(path: string, storedSha256: string): Promise<string> {
  if (!isGzip(path)) return storedSha256;
  const hash = createHash('sha256');
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (e) => gunzip.destroy(e));
  for await (const chunk of raw.pipe(gunzip)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
