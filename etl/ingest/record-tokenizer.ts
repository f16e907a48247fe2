import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The CSV record state machine over a landing file's bytes, shared by the scan and the record readers. */

export const LF = 10;

export const CR = 13;

export const QUOTE = 34;

export const COMMA = 44;

/** Opens a landing file as a stream of its decompressed bytes. */
export function openContent(path: string): { content: Readable; raw: Readable } {
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
export class RecordTokenizer {
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
 * A landing file's content (decompressed for `.csv.gz`) chunk by chunk, a UTF-8 byte-order mark
 * dropped; the file is closed when the loop ends, also early.
 */
export async function* recordBytes(path: string): AsyncGenerator<Buffer> {
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
