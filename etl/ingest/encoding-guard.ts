import { isUtf8 } from 'node:buffer';
import { utf8LeadLength, utf8SequenceLength } from './utf8.ts';

/**
 * Signs that a file's text went through the wrong encoding. Both are warnings: the rows still
 * load (or, for bytes that are not UTF-8, go to quarantine as `malformed_row`), and the message
 * names the file and the encoding to use.
 */
export type EncodingIssue =
  | {
      /** UTF-8 text that was once decoded as Latin-1 / Windows-1252 and encoded again (`CafÃ©`). */
      readonly code: 'mojibake';
      readonly sample: string;
    }
  | {
      /** Bytes that are not UTF-8 but read as Windows-1252 text (`£` written as the byte A3). */
      readonly code: 'not_utf8';
      readonly sample: string;
    };

/**
 * Pairs that UTF-8 text turns into when read as Latin-1 or Windows-1252: `Ã` or `Â` followed by a
 * second character of the Latin-1 supplement (é → `Ã©`, no-break space → `Â `), and the three-byte
 * punctuation of Windows-1252 (’ → `â€™`, “ → `â€œ`, – → `â€“`).
 */
const MOJIBAKE = /[ÃÂ][\u00A0-\u00BF]|â€[\u2122\u0153\u009D\u201C\u201D\u2018\u2019\u00A6\u02DC\u0161]/u;

/** The Windows-1252 characters of bytes 0x80-0x9F (undefined bytes map to themselves). */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Decodes bytes as Windows-1252 (a superset of Latin-1's printable range). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/**
 * Looks at the start of a file for text in the wrong encoding and returns the first sign found
 * with a short sample around it, or null.
 *
 * @example detectEncodingIssue(Buffer.from('name\nCafÃ© Müller\n')) // { code: 'mojibake', sample: 'CafÃ© Müller' }
 */
export function detectEncodingIssue(probe: Uint8Array): EncodingIssue | null {
  if (isUtf8(probe)) {
    const text = Buffer.from(probe).toString('utf8');
    const m = MOJIBAKE.exec(text);
    return m === null ? null : { code: 'mojibake', sample: around(text, m.index) };
  }
  const first = firstInvalidByte(probe);
  if (first < 0) return null;
  const text = decodeWindows1252(probe.subarray(Math.max(0, first - 40), first + 40));
  return { code: 'not_utf8', sample: around(text, Math.min(first, 40)) };
}

/**
 * The first line with non-ASCII text of a probe that is valid UTF-8, for a file declared
 * Latin-1 / Windows-1252: read in the declared encoding its `é` would become `Ã©`. Null when the
 * probe is not UTF-8 or is plain ASCII (then both readings agree).
 *
 * @example utf8DeclaredAsLatin(Buffer.from('id,name\n1,Café\n')) // '1,Café'
 */
export function utf8DeclaredAsLatin(probe: Uint8Array): string | null {
  if (!isUtf8(probe)) return null;
  const bytes = Buffer.from(probe);
  const at = bytes.findIndex((b) => b >= 0x80);
  if (at < 0) return null;
  const text = bytes.toString('utf8');
  return around(text, bytes.subarray(0, at).toString('utf8').length);
}

/** The message a run shows for an encoding issue of a file. */
export function encodingIssueMessage(file: string, issue: EncodingIssue): string {
  return issue.code === 'mojibake'
    ? `${file} looks like UTF-8 text that was decoded as Latin-1 / Windows-1252 and saved again ("${issue.sample}"); the rows load as they are; re-export it from its source as UTF-8 without opening and saving it in a tool that reads Windows-1252`
    : `${file} is not UTF-8: it reads as Windows-1252 / Latin-1 ("${issue.sample}"); rows with such bytes go to quarantine as malformed_row; re-export it as UTF-8, or declare encoding: windows-1252 (or latin1) for it in a source mapping (--mapping)`;
}

function around(text: string, index: number): string {
  const line = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  const whole = text.slice(line, end < 0 ? undefined : end).replace(/\r$/, '');
  const at = index - line;
  return whole.length <= 60 ? whole : whole.slice(Math.max(0, at - 30), at + 30);
}

/** Position of the first byte that is not valid UTF-8, or -1 (a sequence cut by the end is not a fault). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      const lead = utf8LeadLength(bytes[i] as number);
      return lead > 0 && i + lead > bytes.length ? -1 : i;
    }
    i += len;
  }
  return -1;
}
