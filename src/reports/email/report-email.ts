import { InvalidArgumentError } from '../../errors.ts';
import { mailAddressProblem } from './address.ts';

/** A file attached to the report e-mail, e.g. `mbr-2025-10.xlsx`. */
export interface ReportAttachment {
  readonly filename: string;
  readonly content: Uint8Array;
  /** A MIME type such as `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`. */
  readonly contentType: string;
}

/** An image the HTML body shows as `<img src="cid:...">`. */
export interface InlineImage {
  readonly cid: string;
  readonly filename: string;
  readonly content: Uint8Array;
  readonly contentType: string;
}

/** One report e-mail: a short HTML body with its plain-text alternative, and the report files. */
export interface ReportEmail {
  /** Bare addresses, e.g. from `parseRecipients`. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly ReportAttachment[];
  readonly inlineImages?: readonly InlineImage[];
}

/** The largest HTML body accepted: 100 KB (102,400 bytes of UTF-8), below Gmail's 102 KB clipping. */
export const MAX_HTML_BYTES = 102_400;

/** RFC 2045 §5.1 `type/subtype` with optional `; name=value` parameters (tokens or quoted strings). */
const MIME_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(?:[ \t]*;[ \t]*[A-Za-z0-9!#$&^_.+-]+=(?:[A-Za-z0-9!#$&^_.+-]+|"[ !#-[\]-~]*"))*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * checkReportEmail: refuses a report e-mail that should not be sent.
 *
 * Checks: at least one recipient, each a bare `local@domain` (the `parseRecipients` rules,
 * duplicates included); a subject without CR, LF or other control characters; an HTML body of
 * at most 102,400 bytes of UTF-8 (mail clients clip or hide longer bodies; the full report is
 * the attachment); attachment and inline-image file names without control characters or path
 * separators, MIME types of the form `type/subtype` (parameters allowed), and content IDs without `<`, `>` or spaces.
 *
 * @throws {InvalidArgumentError} naming the first problem and the bad value (for a large body,
 *   its size in bytes).
 * @example
 * checkReportEmail({ to: ['ops@shop.example'], subject: 'MBR 2025-10', html: '<p>hi</p>', text: 'hi', attachments: [] })
 * // returns; the same with `to: []` throws
 */
export function checkReportEmail(email: ReportEmail): void {
  if (email.to.length === 0)
    throw new InvalidArgumentError('checkReportEmail needs at least one recipient, got 0');
  const seen = new Set<string>();
  for (const address of email.to) {
    const problem = mailAddressProblem(address);
    if (problem !== null) {
      throw new InvalidArgumentError(`checkReportEmail: recipient ${JSON.stringify(address)} ${problem}`);
    }
    const key = address.toLowerCase();
    if (seen.has(key)) {
      throw new InvalidArgumentError(
        `checkReportEmail: recipient ${JSON.stringify(address)} is listed twice`,
      );
    }
    seen.add(key);
  }
  if (CONTROL.test(email.subject)) {
    throw new InvalidArgumentError(
      `checkReportEmail: the subject must be one line without control characters, got ${JSON.stringify(email.subject)}`,
    );
  }
  const htmlBytes = Buffer.byteLength(email.html, 'utf8');
  if (htmlBytes > MAX_HTML_BYTES) {
    throw new InvalidArgumentError(
      `checkReportEmail: the HTML body is ${htmlBytes.toLocaleString('en-US')} bytes, more than ${MAX_HTML_BYTES.toLocaleString('en-US')} (100 KB); ` +
        'shorten the summary and leave the detail to the attached report',
    );
  }
  for (const file of [...email.attachments, ...(email.inlineImages ?? [])]) checkFile(file);
  for (const image of email.inlineImages ?? []) {
    if (!/^[^\s<>]+$/.test(image.cid)) {
      throw new InvalidArgumentError(
        `checkReportEmail: inline image content ID must be non-empty without spaces or angle brackets, got ${JSON.stringify(image.cid)}`,
      );
    }
  }
}

function checkFile(file: ReportAttachment): void {
  if (file.filename === '' || CONTROL.test(file.filename) || /[/\\]/.test(file.filename)) {
    throw new InvalidArgumentError(
      `checkReportEmail: an attachment file name must be a plain non-empty name without control characters or slashes, got ${JSON.stringify(file.filename)}`,
    );
  }
  if (!MIME_TYPE.test(file.contentType)) {
    throw new InvalidArgumentError(
      `checkReportEmail: attachment ${JSON.stringify(file.filename)} needs a content type of the form type/subtype[; name=value], got ${JSON.stringify(file.contentType)}`,
    );
  }
}
