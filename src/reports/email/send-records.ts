import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, ShopstatError } from '../../errors.ts';

/** One report e-mail that was sent: which month's figures, to whom, and their fingerprint. */
export interface SendRecord {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly recipients: readonly string[];
  /** `fingerprint()` of what the report was made of: 64 lower-case hex digits. */
  readonly fingerprint: string;
  /** UTC ISO 8601 instant, e.g. `2026-11-02T10:00:00Z`. */
  readonly sentAt: string;
  /** The `Message-ID` of the sent e-mail, from `SendResult.messageId`. */
  readonly messageId: string;
}

/** The file in the report folder that keeps the sends for `--email-if-changed`. */
export const SEND_RECORD_FILE = '.shopstat-email.json';

/** The file's layout: `{ "version": 1, "records": [SendRecord, ...] }`, one record per month and recipient set. */
const FILE_VERSION = 1;

const MONTH = /^[0-9]{4}-(?:0[1-9]|1[0-2])$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UTC_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?Z$/;

/**
 * readSendRecords: the sends recorded in `outDir/.shopstat-email.json`.
 *
 * @returns `[]` when the file does not exist (nothing sent yet).
 * @throws {InvalidArgumentError} naming the file when it cannot be read, is not JSON or does not
 *   have the expected layout; deleting it makes the next `--email-if-changed` run send again.
 */
export function readSendRecords(outDir: string): SendRecord[] {
  const file = join(outDir, SEND_RECORD_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InvalidArgumentError(`readSendRecords: cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(file, 'not a JSON object');
  }
  const { version, records } = parsed as { version?: unknown; records?: unknown };
  if (version !== FILE_VERSION)
    throw corrupt(file, `version ${JSON.stringify(version)}, expected ${FILE_VERSION}`);
  if (!Array.isArray(records)) throw corrupt(file, '"records" is not a list');
  return records.map((record: unknown, index) => {
    const problem = sendRecordProblem(record);
    if (problem !== null) throw corrupt(file, `record ${index + 1} ${problem}`);
    const { month, recipients, fingerprint, sentAt, messageId } = record as SendRecord;
    return { month, recipients: [...recipients], fingerprint, sentAt, messageId };
  });
}

/**
 * lastSend: the latest record (by `sentAt`) of `month` sent to the same recipients, compared as
 * a set of lower-cased addresses (order and case do not matter), or `null` when there is none.
 */
export function lastSend(
  records: readonly SendRecord[],
  month: string,
  recipients: readonly string[],
): SendRecord | null {
  const key = recipientKey(recipients);
  let latest: SendRecord | null = null;
  for (const record of records) {
    if (record.month !== month || recipientKey(record.recipients) !== key) continue;
    if (latest === null || Date.parse(record.sentAt) >= Date.parse(latest.sentAt)) latest = record;
  }
  return latest;
}

/**
 * recordSend: adds `record` to `outDir/.shopstat-email.json`, replacing the record of the same
 * month and recipient set and keeping all others.
 *
 * The file is written whole to a temporary file in the same folder and renamed over the old
 * one (atomic on POSIX file systems), so a crash leaves the old file or the new one, never half.
 *
 * @throws {InvalidArgumentError} when the record is malformed (month `YYYY-MM`, fingerprint 64
 *   hex digits, `sentAt` a UTC ISO instant, at least one recipient) or the existing file is corrupt.
 * @throws {ShopstatError} when the file cannot be written; the temporary file is removed.
 */
export function recordSend(outDir: string, record: SendRecord): void {
  const problem = sendRecordProblem(record);
  if (problem !== null) throw new InvalidArgumentError(`recordSend: the record ${problem}`);
  const key = recipientKey(record.recipients);
  const kept = readSendRecords(outDir).filter(
    (other) => other.month !== record.month || recipientKey(other.recipients) !== key,
  );
  const records = [...kept, record].sort(
    (a, b) => compareText(a.month, b.month) || Date.parse(a.sentAt) - Date.parse(b.sentAt),
  );
  const file = join(outDir, SEND_RECORD_FILE);
  const temporary = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ version: FILE_VERSION, records }, null, 2)}\n`, {
      encoding: 'utf8',
      flag: 'wx',
      flush: true,
    });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new ShopstatError(`recordSend: cannot write ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The recipients as a set: lower-cased, unique, sorted, joined. */
function recipientKey(recipients: readonly string[]): string {
  return [...new Set(recipients.map((address) => address.toLowerCase()))].sort().join(',');
}

/** Why `value` is not a well-formed SendRecord, or `null` when it is one. */
function sendRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const record = value as Record<string, unknown>;
  if (typeof record.month !== 'string' || !MONTH.test(record.month)) {
    return `has month ${JSON.stringify(record.month)}, expected YYYY-MM`;
  }
  const recipients = record.recipients;
  if (
    !Array.isArray(recipients) ||
    recipients.length === 0 ||
    !recipients.every((r) => typeof r === 'string')
  ) {
    return `has recipients ${JSON.stringify(recipients)}, expected a non-empty list of addresses`;
  }
  if (typeof record.fingerprint !== 'string' || !SHA256_HEX.test(record.fingerprint)) {
    return `has fingerprint ${JSON.stringify(record.fingerprint)}, expected 64 lower-case hex digits`;
  }
  if (
    typeof record.sentAt !== 'string' ||
    !UTC_INSTANT.test(record.sentAt) ||
    Number.isNaN(Date.parse(record.sentAt))
  ) {
    return `has sentAt ${JSON.stringify(record.sentAt)}, expected a UTC instant like 2026-11-02T10:00:00Z`;
  }
  if (typeof record.messageId !== 'string' || record.messageId === '') {
    return `has messageId ${JSON.stringify(record.messageId)}, expected the Message-ID of the e-mail`;
  }
  return null;
}

function corrupt(file: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `readSendRecords: ${file} is not a valid send record file (${why}); fix or delete it (the next run with --email-if-changed then sends again)`,
  );
}
