import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../mapping/types.ts';

const ICONV_NAMES: Readonly<Record<Exclude<TextEncoding, 'utf-8'>, string>> = {
  latin1: 'latin1',
  'windows-1252': 'windows-1252',
};

/**
 * Re-encodes a Latin-1 or Windows-1252 file (or its `.gz`) as UTF-8 into `target`, since
 * DuckDB's CSV reader reads UTF-8 only. Every byte has a character in these encodings, so nothing
 * is lost; the record structure (commas, quotes, line breaks are ASCII) stays the same.
 */
export async function transcodeToUtf8(
  path: string,
  encoding: Exclude<TextEncoding, 'utf-8'>,
  target: string,
): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decode = iconv.decodeStream(ICONV_NAMES[encoding]);
  const encode = iconv.encodeStream('utf8');
  const output = createWriteStream(target);
  if (path.toLowerCase().endsWith('.gz')) await pipeline(input, createGunzip(), decode, encode, output);
  else await pipeline(input, decode, encode, output);
}

/** sha256 (hex) and size of a file's bytes as stored. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Whether the start of a file declared Latin-1 / Windows-1252 is in fact UTF-8 with non-ASCII
 * text: read in the declared encoding, `é` would become `Ã©`. Returns a sample line, or null.
 */
export async function utf8DeclaredAsLatin(path: string): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path, { start: 0, end: 64 * 1024 - 1 });
  const source = path.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  for await (const chunk of source) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= 64 * 1024) break;
  }
  stream.destroy();
  let probe = Buffer.concat(chunks).subarray(0, 64 * 1024);
  // A multi-byte character cut by the probe's end is not a fault.
  for (let k = 1; k <= 3 && probe.length - k >= 0; k++) {
    const b = probe[probe.length - k] as number;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) probe = probe.subarray(0, probe.length - k);
    break;
  }
  if (!isUtf8(probe)) return null;
  const at = probe.findIndex((b) => b >= 0x80);
  if (at < 0) return null;
  const text = probe.toString('utf8');
  const charAt = Buffer.from(probe.subarray(0, at)).toString('utf8').length;
  const start = text.lastIndexOf('\n', charAt) + 1;
  const end = text.indexOf('\n', charAt);
  return text
    .slice(start, end < 0 ? undefined : end)
    .replace(/\r$/, '')
    .slice(0, 80);
}
