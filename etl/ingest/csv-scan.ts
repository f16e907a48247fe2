import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { type Stats, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_COLUMNS, MAX_RECORD_BYTES } from '../contract.ts';
import { detectEncodingIssue, type EncodingIssue } from './encoding-guard.ts';
import { FileRejection } from './file-rejection.ts';
import { CR, LF, openContent, RecordTokenizer } from './record-tokenizer.ts';
import { utf8SequenceLength } from './utf8.ts';

/**
 * What one pass over a landing file tells before DuckDB reads it: the content hash for the
 * ledger, whether it is text, its header, and the record structure that DuckDB's CSV reader does
 * not report (how many data records there are and which of them are blank lines).
 *
 * Record rules match DuckDB's reader with RFC 4180 quoting: a quote opens a quoted field only at
 * the start of a field, `""` inside quotes is a literal quote, a line break inside quotes does not
 * end the record, `\r\n` and `\n` both end a record, a final line break starts no record.
 */
export interface CsvScan {
  /** sha256 of the bytes as stored (compressed bytes for `.csv.gz`), hex. */
  readonly sha256: string;
  /** Size in bytes as stored. */
  readonly bytes: number;
  /**
   * sha256 of the content (the decompressed bytes of a `.csv.gz`; else equal to `sha256`), hex:
   * what tells a duplicate delivery under another name (data contract, section 3).
   */
  readonly contentSha256: string;
  /** The file starts with a UTF-8 byte-order mark. */
  readonly bom: boolean;
  /** The raw header record (without BOM and line break), or null for a file with no content. */
  readonly header: string | null;
  /** Data records after the header, blank lines included. */
  readonly records: number;
  /** 1-based record numbers of blank lines (a data record with nothing in it). */
  readonly blankRecords: readonly number[];
  /** Whether the first 64 KiB look like text: no NUL byte and valid UTF-8 (up to a cut character). */
  readonly looksLikeText: boolean;
  /** A sign, in the first 64 KiB, that the text went through the wrong encoding; or null. */
  readonly encodingIssue: EncodingIssue | null;
  /** The file holds nothing but a BOM and white space. */
  readonly empty: boolean;
  /** Some record spans several lines. */
  readonly multiLine: boolean;
  /**
   * Data records with more fields than the header, as `[record, fields]`. DuckDB's reader takes
   * a record whose extra fields are empty (`a,b,c,`) as if it had none, so these are found here.
   */
  readonly extraFieldRecords: readonly (readonly [number, number])[];
  /** Data records with a carriage return outside quotes that does not end the line. */
  readonly strayCrRecords: readonly number[];
  /** Both CRLF and LF end records: DuckDB's strict reader needs the file's line ends made one. */
  readonly mixedLineEnds: boolean;
}

const PROBE_BYTES = 64 * 1024;

/**
 * Scans a landing file once: hash, text check, header and record structure. `name` (default the
 * file's base name) is how messages name the file.
 *
 * @throws FileRejection `unreadable` (missing, not a regular file, not permitted, truncated or
 *   corrupt gzip), `line_too_long` (a record past {@link MAX_RECORD_BYTES}, found without reading
 *   further) or `too_many_columns` (a header past {@link MAX_COLUMNS}).
 * @example const scan = await scanCsvFile('landing/orders.csv'); scan.records // data records
 */
export async function scanCsvFile(path: string, name = basename(path)): Promise<CsvScan> {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new FileRejection('unreadable', `${name}: not a regular file (${describeKind(stat)})`);
    }
    return await scanContent(path, name);
  } catch (error) {
    if (error instanceof FileRejection) throw error;
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'Z_BUF_ERROR' ||
      e.code === 'Z_DATA_ERROR' ||
      /unexpected end of file|incorrect header/i.test(e.message)
        ? `its gzip data is truncated or corrupt (${e.message})`
        : e.code === 'ENOENT'
          ? 'it does not exist (a dangling symbolic link?)'
          : e.code === 'EACCES' || e.code === 'EPERM'
            ? 'permission denied'
            : e.message;
    throw new FileRejection('unreadable', `${name}: cannot be read: ${why}`);
  }
}

function describeKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

async function scanContent(path: string, name: string): Promise<CsvScan> {
  const { content, raw } = openContent(path);
  const hash = createHash('sha256');
  const contentHash = content === raw ? null : createHash('sha256');
  let bytes = 0;
  raw.on('data', (c: Buffer) => {
    hash.update(c);
    bytes += c.length;
  });
  let headerRaw: Buffer | null = null;
  const tokenizer = new RecordTokenizer(
    (index) => index === 0,
    (_index, rec) => {
      headerRaw = Buffer.from(rec);
    },
    MAX_RECORD_BYTES,
  );
  const probe: Buffer[] = [];
  let probed = 0;
  let first = true;
  let bom = false;
  let nonBlank = false;
  try {
    for await (const chunkAny of content) {
      let chunk = chunkAny as Buffer;
      contentHash?.update(chunk);
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          bom = true;
          chunk = chunk.subarray(3);
        }
      }
      if (probed < PROBE_BYTES) {
        const part = chunk.subarray(0, PROBE_BYTES - probed);
        probe.push(part);
        probed += part.length;
      }
      if (!nonBlank) nonBlank = chunk.some((b) => b !== 32 && b !== 9 && b !== LF && b !== CR);
      tokenizer.feed(chunk);
      if (tokenizer.tooLong !== null) break;
    }
  } finally {
    raw.destroy();
  }
  if (tokenizer.tooLong !== null) {
    const which = tokenizer.tooLong === 0 ? 'its header' : `record ${fmt(tokenizer.tooLong)}`;
    throw new FileRejection(
      'line_too_long',
      `${name}: ${which} is longer than ${fmt(MAX_RECORD_BYTES)} bytes, the reader's limit (an unclosed quote, or not a CSV export?); nothing of it was loaded`,
    );
  }
  tokenizer.finish();
  if (tokenizer.crlfEnds === 0 && tokenizer.lfEnds === 0 && tokenizer.headerHasStrayCr) {
    throw new FileRejection(
      'unreadable',
      `${name}: its lines end with a carriage return only (old Mac line ends), which the contract does not read; save it with LF or CRLF line ends`,
    );
  }
  if (tokenizer.width > MAX_COLUMNS) {
    throw new FileRejection(
      'too_many_columns',
      `${name}: the header has ${fmt(tokenizer.width)} columns, more than the ${fmt(MAX_COLUMNS)} a landing file may have; nothing of it was loaded`,
    );
  }
  const probeBuf = Buffer.concat(probe);
  const probeText = trimCutCharacter(probeBuf, probed >= PROBE_BYTES);
  const looksLikeText = isMostlyText(probeText);
  const header = headerRaw === null ? null : (headerRaw as Buffer).toString('utf8');
  const sha256 = hash.digest('hex');
  return {
    sha256,
    bytes,
    contentSha256: contentHash === null ? sha256 : contentHash.digest('hex'),
    bom,
    header,
    records: Math.max(0, tokenizer.finished - 1),
    blankRecords: tokenizer.blank,
    looksLikeText,
    encodingIssue: looksLikeText ? detectEncodingIssue(probeText) : null,
    empty: !nonBlank,
    multiLine: tokenizer.multiLine,
    extraFieldRecords: tokenizer.extraFields,
    strayCrRecords: tokenizer.strayCr,
    mixedLineEnds: tokenizer.crlfEnds > 0 && tokenizer.lfEnds > 0,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Text, not binary: no NUL byte, and at most 1% of the bytes are invalid UTF-8 or control
 * characters. A few bad bytes reject only their rows (`malformed_row`), not the file.
 */
function isMostlyText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  if (isUtf8(buf)) return true;
  let bad = 0;
  let i = 0;
  while (i < buf.length) {
    const len = utf8SequenceLength(buf, i);
    if (len === 0) {
      bad++;
      i++;
    } else {
      const b = buf[i] as number;
      if (b < 32 && b !== 9 && b !== LF && b !== CR && b !== 12) bad++;
      i += len;
    }
  }
  return bad <= buf.length / 100;
}

/** Drops a UTF-8 sequence cut by the end of the probe, so a valid file is not judged binary. */
export function trimCutCharacter(buf: Buffer, cut: boolean): Buffer {
  if (!cut) return buf;
  let end = buf.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = buf[end - k] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) end -= k; // a lead byte whose sequence may be cut
    break;
  }
  return buf.subarray(0, end);
}

/**
 * The first `maxBytes` of a landing file's content (decompressed for `.csv.gz`), as stored: BOM
 * included. Reads no further than it needs.
 */
export async function readHead(path: string, maxBytes: number): Promise<Buffer> {
  const { content, raw } = openContent(path);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of content) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= maxBytes) break;
    }
  } finally {
    raw.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}
