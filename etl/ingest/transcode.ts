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
