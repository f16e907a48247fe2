/**
 * Streaming CSV output for the demo landing zone: RFC 4180 quoting, LF line endings, UTF-8
 * without a byte-order mark. Rows are collected into large string chunks and written through a
 * file stream that is awaited on `drain`, so memory stays flat whatever the number of rows.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { EntityName } from '../contract.ts';

/** A landing file written by the demo generator. */
export interface DemoFile {
  readonly name: string;
  readonly entity: EntityName;
  /** Data records (the header is not counted). */
  readonly rows: number;
  readonly bytes: number;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field per RFC 4180: wrapped in double quotes, inner quotes doubled, when it holds a
 * comma, a double quote or a line break; as is otherwise.
 *
 * @example csvField('Mug, 2-Pack') // '"Mug, 2-Pack"'
 * @example csvField('27" Monitor') // '"27"" Monitor"'
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Bytes collected before a chunk is handed to the stream. */
const CHUNK_BYTES = 1 << 20;
/** Worst-case UTF-8 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes one CSV file. `row` encodes the record straight into a 1 MiB chunk (so the row's
 * string dies young) and hands full chunks to the file stream; call `flush` now and then to wait
 * for the stream to drain, and `close` at the end.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private bytes = 0;
  private failure: Error | null = null;
  /** Data records written so far; after `row`, the 1-based record number of that row. */
  rows = 0;

  private constructor(
    readonly name: string,
    readonly entity: EntityName,
    path: string,
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES });
    // Keep the first error; it is thrown from the next flush or close instead of crashing.
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Creates (or truncates) `dir/name` and writes the header row. */
  static open(dir: string, name: string, entity: EntityName, header: readonly string[]): CsvFileWriter {
    const writer = new CsvFileWriter(name, entity, join(dir, name));
    writer.append(header.join(','));
    return writer;
  }

  /** Appends one record; `line` is the already-quoted fields joined by commas, without a break. */
  row(line: string): number {
    this.append(line);
    return ++this.rows;
  }

  /** Waits until the stream has taken what it was given (backpressure). */
  async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  /** Writes what is left, closes the file and describes it. */
  async close(): Promise<DemoFile> {
    this.spill();
    this.stream.end();
    await finished(this.stream);
    if (this.failure !== null) throw this.failure;
    return { name: this.name, entity: this.entity, rows: this.rows, bytes: this.bytes };
  }

  /** Stops writing after a failure elsewhere; the partial file is left as it is. */
  abort(): void {
    this.used = 0;
    this.stream.destroy();
  }

  private append(line: string): void {
    const worst = line.length * MAX_BYTES_PER_UNIT + 1;
    if (this.used + worst > this.chunk.length) {
      this.spill();
      if (worst > this.chunk.length) this.chunk = Buffer.allocUnsafe(worst);
    }
    this.used += this.chunk.write(line, this.used, 'utf8');
    this.chunk[this.used++] = 0x0a;
  }

  private spill(): void {
    if (this.used === 0) return;
    this.stream.write(this.chunk.subarray(0, this.used));
    this.bytes += this.used;
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}
