/**
 * A small RFC 4180 record reader for the test oracle (no CSV library, no DuckDB), implementing the
 * landing-file rules of `docs/data-contract.md` (v1.1) sections 1-2 as read in
 * `docs/contract-notes.md` ("Parsing a landing file", "Whole files").
 *
 * The reader works on bytes: quotes, commas and line breaks are ASCII, so they never occur inside a
 * multi-byte UTF-8 sequence, and a record's bytes can be split before they are decoded. Each record
 * is then checked for valid UTF-8 on its own, so a bad byte rejects only its record.
 *
 * Grammar (RFC 4180, with LF or CRLF line breaks):
 * - a field is either unquoted or wholly quoted, with `""` standing for one `"`; a `"` inside an
 *   unquoted field (`x"y`) is a literal character (DuckDB's reader and pandas read it so);
 *   a quoted field may hold commas, CR and LF;
 * - anything but a comma or a line break after a closing quote (`"abc"x`), or a quote still open at
 *   the end of the file makes the record malformed; a quote inside an unquoted field does not open
 *   quoting, so that record still ends at its line break;
 * - a line break is LF or CRLF outside quotes, and the two may mix within a file; a CR outside
 *   quotes that is not followed by LF (a stray CR, also one that ends the file) makes its record
 *   malformed (contract v1.1, section 3); a CR inside quotes is data;
 * - a record longer than {@link MAX_RECORD_BYTES} bytes (its line break not counted) ends the reading
 *   with a {@link RecordTooLongError}: the contract rejects such a file whole (`line_too_long`);
 * - a blank line (nothing between two line breaks) is a record of its own, always malformed; a final
 *   line break does not start a record;
 * - a UTF-8 byte-order mark at the start of the file is dropped.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MAX_RECORD_BYTES } from '../../etl/contract.ts';

/** One record of a CSV file. */
export interface CsvRecord {
  /**
   * 0 for the header; data records count from 1 (a quoted record spanning several lines counts once,
   * a blank line counts as a record).
   */
  readonly rowNumber: number;
  /**
   * The decoded fields, or `null` when the record is malformed: broken quoting, bytes that are not
   * UTF-8, a blank line, or (data records only) a field count different from the header's.
   */
  readonly fields: readonly string[] | null;
  /** The record's text without its line break (invalid bytes shown as U+FFFD). */
  readonly raw: string;
}

/**
 * Why a whole file is rejected before any of its records is read (`docs/contract-notes.md`):
 * `unreadable` for a `.gz` whose data is truncated or corrupt.
 */
export type WholeFileProblem = 'empty_file' | 'not_text' | 'unreadable';

/** Thrown while reading a record longer than {@link MAX_RECORD_BYTES}: the file is `line_too_long`. */
export class RecordTooLongError extends Error {
  constructor(readonly rowNumber: number) {
    super(`record ${rowNumber} is longer than ${MAX_RECORD_BYTES} bytes`);
    this.name = 'RecordTooLongError';
  }
}

/** Bytes inspected by the `not_text` check (`docs/contract-notes.md`, "Whole files"). */
export const TEXT_SNIFF_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

/** Parser states: at the start of a field, in an unquoted field, in a quoted field, just after a `"` there. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** A growable byte buffer. */
class ByteBuilder {
  bytes: Buffer = Buffer.allocUnsafe(256);
  length = 0;

  push(byte: number): void {
    if (this.length === this.bytes.length) {
      const bigger = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = byte;
  }

  view(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

/** A record as split from the byte stream, before numbering and the field-count check. */
interface SplitRecord {
  readonly fields: string[] | null;
  readonly raw: string;
  readonly blank: boolean;
}

/** How a record's bytes are decoded: strict UTF-8 (a bad byte makes it malformed), or Latin-1. */
export type RecordEncoding = 'utf-8' | 'latin1';

/** Splits a byte stream into records; feed chunks with `push`, then call `end`. */
class RecordSplitter {
  constructor(private readonly encoding: RecordEncoding = 'utf-8') {}
  private state = FIELD_START;
  private malformed = false;
  private pendingCr = false;
  private raw = new ByteBuilder();
  private field = new ByteBuilder();
  private fieldEnds: number[] = [];

  /** Records finished so far, the header included (for the too-long error's record number). */
  private finished = 0;

  *push(chunk: Uint8Array): Generator<SplitRecord> {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (this.raw.length > MAX_RECORD_BYTES) throw new RecordTooLongError(this.finished);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (byte === LF) {
          yield this.finishRecord();
          continue;
        }
        this.strayCr();
      }
      if (this.state === QUOTED) {
        this.raw.push(byte);
        if (byte === QUOTE) this.state = QUOTE_IN_QUOTED;
        else this.field.push(byte);
      } else if (byte === LF) {
        yield this.finishRecord();
      } else if (byte === CR) {
        this.pendingCr = true;
      } else if (byte === COMMA) {
        this.raw.push(byte);
        this.fieldEnds.push(this.field.length);
        this.state = FIELD_START;
      } else if (byte === QUOTE) {
        this.raw.push(byte);
        if (this.state === FIELD_START) {
          this.state = QUOTED;
        } else if (this.state === QUOTE_IN_QUOTED) {
          this.field.push(QUOTE); // `""` inside a quoted field
          this.state = QUOTED;
        } else {
          this.field.push(byte); // a quote inside an unquoted field is a literal character, as DuckDB reads it
        }
      } else {
        this.ordinaryByte(byte);
      }
    }
  }

  *end(): Generator<SplitRecord> {
    if (this.raw.length > MAX_RECORD_BYTES) throw new RecordTooLongError(this.finished);
    if (this.pendingCr) {
      this.pendingCr = false;
      this.strayCr(); // a CR that ends the file ends no line: it is stray
    }
    if (this.raw.length > 0) {
      if (this.state === QUOTED) this.malformed = true; // quote never closed
      yield this.finishRecord();
    }
  }

  /** A CR outside quotes not followed by LF: kept as data, the record malformed. */
  private strayCr(): void {
    this.ordinaryByte(CR);
    this.malformed = true;
  }

  private ordinaryByte(byte: number): void {
    this.raw.push(byte);
    if (this.state === QUOTE_IN_QUOTED) this.malformed = true; // text after a closing quote: `"abc"x`
    this.field.push(byte);
    this.state = UNQUOTED;
  }

  private finishRecord(): SplitRecord {
    if (this.raw.length > MAX_RECORD_BYTES) throw new RecordTooLongError(this.finished);
    this.finished++;
    this.fieldEnds.push(this.field.length);
    const rawBytes = this.raw.view();
    const blank = rawBytes.length === 0;
    let fields: string[] | null = null;
    const latin1 = this.encoding === 'latin1';
    if (!this.malformed && !blank && (latin1 || isUtf8(rawBytes))) {
      // The record's bytes are valid UTF-8 and fields are those bytes minus ASCII quotes: valid too.
      // Every byte is a Latin-1 character.
      fields = [];
      let start = 0;
      for (const end of this.fieldEnds) {
        fields.push(this.field.bytes.toString(latin1 ? 'latin1' : 'utf8', start, end));
        start = end;
      }
    }
    const record: SplitRecord = { fields, raw: rawBytes.toString(latin1 ? 'latin1' : 'utf8'), blank };
    this.state = FIELD_START;
    this.malformed = false;
    this.raw.length = 0;
    this.field.length = 0;
    this.fieldEnds = [];
    return record;
  }
}

/** Drops a UTF-8 byte-order mark at the very start of a byte stream. */
async function* withoutBom(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  let head: Uint8Array = new Uint8Array(0);
  let started = false;
  for await (const chunk of chunks) {
    if (started) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 3) continue;
    started = true;
    yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  }
  if (!started && head.length > 0) {
    const isBom = head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    if (!isBom) yield head;
  }
}

/**
 * The records of a CSV byte stream: the header first (rowNumber 0), then the data records numbered
 * from 1. A data record whose field count differs from the header's is malformed (`fields: null`).
 *
 * @example
 * for await (const r of csvRecordsFromChunks([Buffer.from('a,b\n1,"x\ny"\n\n2,3')])) ...
 * // header ['a','b']; 1: ['1','x\ny']; 2: null (blank line); 3: ['2','3']
 */
export async function* csvRecordsFromChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<CsvRecord> {
  const splitter = new RecordSplitter();
  const number = recordNumberer();
  for await (const chunk of withoutBom(chunks)) {
    for (const record of splitter.push(chunk)) yield number(record);
  }
  for (const record of splitter.end()) yield number(record);
}

/**
 * The records of a whole file's bytes, as {@link csvRecordsFromChunks} gives them, decoded as
 * UTF-8 or Latin-1 (for exports in that encoding, read through a source mapping).
 */
export function* csvRecordsFromBytes(
  bytes: Uint8Array,
  encoding: RecordEncoding = 'utf-8',
): Generator<CsvRecord> {
  const splitter = new RecordSplitter(encoding);
  const number = recordNumberer();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  for (const record of splitter.push(bom ? bytes.subarray(3) : bytes)) yield number(record);
  for (const record of splitter.end()) yield number(record);
}

/** Numbers split records: the header 0, data records from 1, a wrong field count malformed. */
function recordNumberer(): (record: SplitRecord) => CsvRecord {
  let rowNumber = 0;
  let headerWidth: number | null = null;
  return (record) => {
    if (rowNumber === 0) {
      headerWidth = record.fields === null ? null : record.fields.length;
      rowNumber = 1;
      return { rowNumber: 0, fields: record.fields, raw: record.raw };
    }
    const wrongWidth = headerWidth !== null && record.fields !== null && record.fields.length !== headerWidth;
    return { rowNumber: rowNumber++, fields: wrongWidth ? null : record.fields, raw: record.raw };
  };
}

/** The decompressed bytes of a `.csv` or `.csv.gz` file, chunk by chunk. */
export function fileChunks(path: string): AsyncIterable<Uint8Array> {
  const file = createReadStream(path);
  if (!path.toLowerCase().endsWith('.gz')) return file;
  const gunzip = createGunzip();
  // pipeline forwards a read error to gunzip, so it surfaces while iterating.
  pipeline(file, gunzip, () => {});
  return gunzip;
}

/**
 * Reads the records of a landing file (`.csv` or `.csv.gz`) as a stream: the header first
 * (rowNumber 0), then the data records numbered from 1. Check {@link wholeFileProblem} first.
 */
export function readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  return csvRecordsFromChunks(fileChunks(path));
}

/** What an "empty" file may hold besides a BOM: space, tab, LF, CR. */
const WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (Unicode 15, table 3-7), or 0 when none
 * does. With `cut`, a sequence that is well-formed as far as the bytes go counts as whole.
 */
function wellFormedLength(bytes: Uint8Array, i: number, cut: boolean): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const [length, lo, hi] =
    b0 >= 0xc2 && b0 <= 0xdf
      ? [2, 0x80, 0xbf]
      : b0 === 0xe0
        ? [3, 0xa0, 0xbf]
        : b0 === 0xed
          ? [3, 0x80, 0x9f]
          : b0 >= 0xe1 && b0 <= 0xef
            ? [3, 0x80, 0xbf]
            : b0 === 0xf0
              ? [4, 0x90, 0xbf]
              : b0 === 0xf4
                ? [4, 0x80, 0x8f]
                : b0 >= 0xf1 && b0 <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (length === 0) return 0;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    if (b === undefined) return cut ? bytes.length - i : 0;
    const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
    if (b < min || b > max) return 0;
  }
  return length;
}

/**
 * Whether sniffed bytes are text: no NUL byte, and valid UTF-8 or, failing that, at most 1% of
 * the bytes invalid (each byte that starts no well-formed sequence) or control characters other
 * than tab, LF, FF and CR. `cut`: the bytes stop at the sniff limit, inside a character maybe.
 */
function isText(bytes: Uint8Array, cut: boolean): boolean {
  if (bytes.includes(0)) return false;
  let bad = 0;
  let invalid = false;
  for (let i = 0; i < bytes.length; ) {
    const length = wellFormedLength(bytes, i, cut);
    if (length === 0) {
      invalid = true;
      bad++;
      i++;
      continue;
    }
    const b = bytes[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) bad++;
    i += length;
  }
  return !invalid || bad <= bytes.length / 100;
}

/**
 * The whole-file problem of a landing file, or `null`: `empty_file` when it holds nothing but a
 * byte-order mark and white space (space, tab, CR, LF; or is a zero-byte `.gz`); `not_text` when its
 * first 64 KiB (decompressed) hold a NUL byte, or are not valid UTF-8 and more than 1% of their
 * bytes are invalid or control characters (a character cut at the 64 KiB boundary is fine): a few
 * bad bytes reject only their records; `unreadable` when a `.gz` does not decompress.
 *
 * @throws when the file cannot be read (missing, permissions).
 */
export async function wholeFileProblem(path: string): Promise<WholeFileProblem | null> {
  if ((await stat(path)).size === 0) return 'empty_file';
  const head: Buffer[] = [];
  let headLength = 0;
  let content = false; // a byte other than white space seen after the BOM
  try {
    for await (const chunk of withoutBom(fileChunks(path))) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (headLength < TEXT_SNIFF_BYTES) {
        const take = bytes.subarray(0, TEXT_SNIFF_BYTES - headLength);
        head.push(take);
        headLength += take.length;
      }
      if (!content) content = bytes.some((byte) => !WHITE_SPACE.has(byte));
      if (content && headLength >= TEXT_SNIFF_BYTES) break;
    }
  } catch (error) {
    if (path.toLowerCase().endsWith('.gz')) return 'unreadable'; // truncated or corrupt compression
    throw error;
  }
  const ended = headLength < TEXT_SNIFF_BYTES;
  if (!content) return 'empty_file';
  return isText(Buffer.concat(head), !ended) ? null : 'not_text';
}
