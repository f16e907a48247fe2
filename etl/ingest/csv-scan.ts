import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, type Stats, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MAX_COLUMNS, MAX_RECORD_BYTES } from '../contract.ts';
import { detectEncodingIssue, type EncodingIssue } from './encoding-guard.ts';
import { FileRejection } from './file-rejection.ts';
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

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const PROBE_BYTES = 64 * 1024;

/** Opens a landing file as a stream of its decompressed bytes. */
function openContent(path: string): { content: Readable; raw: Readable } {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (path.toLowerCase().endsWith('.gz')) {
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    raw.on('error', (e) => gunzip.destroy(e));
    return { content: raw.pipe(gunzip), raw };
  }
  return { content: raw, raw };
}

/**
 * The CSV record state machine, fed chunk by chunk. It counts records and blank lines and, when
 * asked, collects the raw text of chosen records.
 */
class RecordTokenizer {
  /** Records finished so far, the header included. */
  finished = 0;
  blank: number[] = [];
  multiLine = false;
  private inQuotes = false;
  /** At the start of a field (quote opens a quoted field only here). */
  private atFieldStart = true;
  /** Bytes seen in the current record (0 means the record is still empty). */
  private recordBytes = 0;
  private sawCR = false;
  /** The previous byte closed a quoted field. */
  private justClosed = false;
  private lineBreaksInRecord = 0;
  /** Raw bytes of the current record, when it is being collected. */
  private current: Buffer[] | null = null;
  private currentStartInChunk = 0;
  /** Fields of the current record so far (commas outside quotes + 1), when counted. */
  private fields = 1;
  /** Whether `fields` is exact for the current record (the fast path counts only some lines). */
  private fieldsCounted = true;
  /** Fields of the header record. */
  width = 0;
  extraFields: [number, number][] = [];
  strayCr: number[] = [];
  /** The header record holds a CR that ends no line. */
  headerHasStrayCr = false;
  private recordHasStrayCr = false;
  crlfEnds = 0;
  lfEnds = 0;
  /** The index of the first record longer than the limit, or null. */
  tooLong: number | null = null;

  constructor(
    private readonly wanted: ((index: number) => boolean) | null = null,
    private readonly onRecord: ((index: number, raw: Buffer) => void) | null = null,
    private readonly maxRecordBytes = Number.POSITIVE_INFINITY,
  ) {
    this.beginRecord(0);
  }

  private beginRecord(startInChunk: number): void {
    this.recordBytes = 0;
    this.lineBreaksInRecord = 0;
    this.atFieldStart = true;
    this.fields = 1;
    this.fieldsCounted = true;
    this.recordHasStrayCr = false;
    this.current = this.wanted?.(this.finished) ? [] : null;
    this.currentStartInChunk = startInChunk;
  }

  private endRecord(chunk: Buffer, endInChunk: number): void {
    if (this.current !== null && this.onRecord !== null) {
      this.current.push(chunk.subarray(this.currentStartInChunk, endInChunk));
      let raw = Buffer.concat(this.current);
      if (raw.length > 0 && raw[raw.length - 1] === CR) raw = raw.subarray(0, raw.length - 1);
      this.onRecord(this.finished, raw);
    }
    if (this.recordBytes === 0 && this.finished > 0) this.blank.push(this.finished);
    if (this.lineBreaksInRecord > 0) this.multiLine = true;
    if (this.finished === 0) this.width = this.fields;
    else if (this.fieldsCounted && this.recordBytes > 0 && this.fields > this.width) {
      this.extraFields.push([this.finished, this.fields]);
    }
    if (this.recordHasStrayCr && this.finished > 0) this.strayCr.push(this.finished);
    if (this.recordHasStrayCr && this.finished === 0) this.headerHasStrayCr = true;
    this.finished++;
  }

  /** Notes a record past the limit; the caller stops reading. */
  private checkLength(): void {
    if (this.recordBytes > this.maxRecordBytes && this.tooLong === null) {
      this.tooLong = this.finished;
      this.current = null;
    }
  }

  feed(chunk: Buffer): void {
    if (!this.inQuotes && chunk.indexOf(QUOTE) === -1) {
      this.feedUnquoted(chunk);
      return;
    }
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const b = chunk[i] as number;
      if (this.inQuotes) {
        if (b === QUOTE) {
          this.inQuotes = false;
          this.justClosed = true; // a quote right after re-opens: `""` is a literal quote
        } else if (b === LF) {
          this.lineBreaksInRecord++;
        }
        this.recordBytes++;
        i++;
        continue;
      }
      if (b === LF) {
        // A CR before LF belongs to the line break, not to the record.
        const recordHadOnlyCR = this.sawCR && this.recordBytes === 1;
        if (recordHadOnlyCR) this.recordBytes = 0;
        if (this.sawCR) this.crlfEnds++;
        else this.lfEnds++;
        this.endRecord(chunk, i);
        this.beginRecord(i + 1);
        this.sawCR = false;
        this.justClosed = false;
        i++;
        continue;
      }
      // A CR followed by anything but LF, outside quotes, is a stray one.
      if (this.sawCR) this.recordHasStrayCr = true;
      this.sawCR = b === CR;
      if (b === QUOTE && (this.atFieldStart || this.justClosed)) {
        this.inQuotes = true;
        this.atFieldStart = false;
      } else {
        this.atFieldStart = b === COMMA;
        if (b === COMMA) this.fields++;
      }
      this.justClosed = false;
      this.recordBytes++;
      if (this.recordBytes > this.maxRecordBytes) {
        this.checkLength();
        return;
      }
      i++;
    }
    if (this.current !== null) this.current.push(chunk.subarray(this.currentStartInChunk));
    this.currentStartInChunk = 0;
  }

  /**
   * The same as {@link feed} for a chunk without quotes, with native line search. Fields are
   * counted only on lines that end with a comma (or that began in an earlier chunk): a line whose
   * last field is not empty and that has too many fields is rejected by DuckDB itself.
   */
  private feedUnquoted(chunk: Buffer): void {
    let pos = 0;
    let nextCR = chunk.indexOf(CR);
    for (;;) {
      const j = chunk.indexOf(LF, pos);
      if (j === -1) break;
      const total = this.recordBytes + (j - pos);
      const lastIsCR = j > pos ? chunk[j - 1] === CR : this.sawCR;
      if (lastIsCR) this.crlfEnds++;
      else this.lfEnds++;
      // A CR before the line's end: stray (a CR that ended the previous chunk counts too).
      if (this.sawCR && j > pos) this.recordHasStrayCr = true;
      while (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf(CR, pos);
      if (nextCR !== -1 && nextCR < j - 1) this.recordHasStrayCr = true;
      const end = lastIsCR ? j - 1 : j;
      if (this.finished === 0 || (end > pos && chunk[end - 1] === COMMA) || this.recordBytes > 0) {
        let commas = 0;
        for (let x = pos; x < end; x++) if (chunk[x] === COMMA) commas++;
        this.fields += commas;
        // Part of the line was in an earlier chunk, whose commas were not counted.
        if (this.recordBytes > 0 && !this.atFieldStart && this.fields === 1 + commas)
          this.fieldsCounted = false;
      } else {
        this.fieldsCounted = false;
      }
      this.recordBytes = total === 0 || (total === 1 && lastIsCR) ? 0 : total;
      if (this.recordBytes > this.maxRecordBytes) {
        this.checkLength();
        return;
      }
      this.endRecord(chunk, j);
      this.beginRecord(j + 1);
      pos = j + 1;
    }
    const rest = chunk.length - pos;
    if (rest > 0) {
      if (this.sawCR) this.recordHasStrayCr = true;
      while (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf(CR, pos);
      if (nextCR !== -1 && nextCR < chunk.length - 1) this.recordHasStrayCr = true;
      for (let x = pos; x < chunk.length; x++) if (chunk[x] === COMMA) this.fields++;
      this.recordBytes += rest;
      this.sawCR = chunk[chunk.length - 1] === CR;
      this.atFieldStart = chunk[chunk.length - 1] === COMMA;
      this.checkLength();
    } else {
      this.sawCR = false;
    }
    this.justClosed = false;
    if (this.current !== null) this.current.push(chunk.subarray(this.currentStartInChunk));
    this.currentStartInChunk = 0;
  }

  /** Ends the input: a record without a final line break still counts. */
  finish(): void {
    // A CR that ends the file, outside quotes, ends no line: it is a stray one.
    if (this.sawCR && !this.inQuotes) this.recordHasStrayCr = true;
    if (this.recordBytes > 0 || this.inQuotes) {
      const empty = Buffer.alloc(0);
      this.currentStartInChunk = 0;
      this.endRecord(empty, 0);
    }
  }
}

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
 * Writes a copy of a file's records with LF line ends, each record whose number is in `blanked`
 * (a stray CR outside quotes) written as an empty line: DuckDB's strict reader reads the copy,
 * skips those lines, and the loader quarantines them as `malformed_row`. Record numbers stay.
 */
export async function writeLfCopy(path: string, target: string, blanked: ReadonlySet<number>): Promise<void> {
  const out = openSync(target, 'w');
  try {
    const pending: Buffer[] = [];
    let size = 0;
    const flush = () => {
      if (size > 0) writeSync(out, Buffer.concat(pending));
      pending.length = 0;
      size = 0;
    };
    const tokenizer = new RecordTokenizer(
      () => true,
      (index, rec) => {
        const line = index > 0 && blanked.has(index) ? LF_ONLY : Buffer.concat([rec, LF_ONLY]);
        pending.push(line);
        size += line.length;
        if (size > 1 << 20) flush();
      },
    );
    for await (const chunk of recordBytes(path)) tokenizer.feed(chunk);
    tokenizer.finish();
    flush();
  } finally {
    closeSync(out);
  }
}

const LF_ONLY = Buffer.from('\n');

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
 * A landing file's content (decompressed for `.csv.gz`) chunk by chunk, a UTF-8 byte-order mark
 * dropped; the file is closed when the loop ends, also early.
 */
async function* recordBytes(path: string): AsyncGenerator<Buffer> {
  const { content, raw } = openContent(path);
  let first = true;
  try {
    for await (const chunkAny of content) {
      let chunk = chunkAny as Buffer;
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
          chunk = chunk.subarray(3);
      }
      yield chunk;
    }
  } finally {
    raw.destroy();
  }
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

/**
 * Reads the raw text of chosen data records (1-based, header not counted), for quarantine rows
 * that must be kept verbatim. Bytes that are not valid UTF-8 are shown as `\xNN`.
 */
export async function readRawRecords(
  path: string,
  recordNumbers: readonly number[],
): Promise<Map<number, string>> {
  const wanted = new Set(recordNumbers);
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  let max = 0;
  for (const r of wanted) if (r > max) max = r;
  const tokenizer = new RecordTokenizer(
    (index) => wanted.has(index),
    (index, rec) => found.set(index, rawText(rec)),
  );
  for await (const chunk of recordBytes(path)) {
    tokenizer.feed(chunk);
    if (tokenizer.finished > max) break;
  }
  if (tokenizer.finished <= max) tokenizer.finish();
  return found;
}

/** Decodes a raw record as UTF-8, writing invalid bytes as `\xNN` so nothing is silently replaced. */
export function rawText(rec: Buffer): string {
  if (isUtf8(rec)) return rec.toString('utf8');
  let out = '';
  let i = 0;
  while (i < rec.length) {
    const len = utf8SequenceLength(rec, i);
    if (len > 0) {
      out += rec.subarray(i, i + len).toString('utf8');
      i += len;
    } else {
      out += `\\x${(rec[i] as number).toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}
