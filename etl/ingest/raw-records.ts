import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, writeSync } from 'node:fs';
import { RecordTokenizer, recordBytes } from './record-tokenizer.ts';
import { utf8SequenceLength } from './utf8.ts';

/** Records of a landing file copied or read verbatim, by record number. */

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
