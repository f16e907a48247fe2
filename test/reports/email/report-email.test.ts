import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import {
  checkReportEmail,
  MAX_HTML_BYTES,
  type ReportEmail,
} from '../../../src/reports/email/report-email.ts';

const WORKBOOK = {
  filename: 'mbr-2025-10.xlsx',
  content: new Uint8Array(3),
  contentType: 'application/vnd.ms-excel',
};
const EMAIL: ReportEmail = {
  to: ['ops@shop.example'],
  subject: 'Monthly business review 2025-10',
  html: '<p>Revenue up 4%</p>',
  text: 'Revenue up 4%',
  attachments: [
    { filename: 'mbr-2025-10.xlsx', content: new Uint8Array(3), contentType: 'application/vnd.ms-excel' },
  ],
};

function messageOf(email: ReportEmail): string {
  try {
    checkReportEmail(email);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error('checkReportEmail accepted the e-mail');
}

describe('checkReportEmail', () => {
  it('accepts a well-formed report e-mail', () => {
    expect(() => checkReportEmail(EMAIL)).not.toThrow();
  });

  it('accepts an HTML body of exactly 102,400 UTF-8 bytes and refuses one byte more, saying how big it is', () => {
    expect(MAX_HTML_BYTES).toBe(102_400);
    // 'é' is 2 bytes in UTF-8: 51,200 of them are 102,400 bytes but only 51,200 characters.
    expect(() => checkReportEmail({ ...EMAIL, html: 'é'.repeat(51_200) })).not.toThrow();
    expect(messageOf({ ...EMAIL, html: `${'é'.repeat(51_200)}x` })).toBe(
      'checkReportEmail: the HTML body is 102,401 bytes, more than 102,400 (100 KB); shorten the summary and leave the detail to the attached report',
    );
  });

  it('counts bytes, not characters: 60,000 characters of "€" are 180,000 bytes', () => {
    expect(messageOf({ ...EMAIL, html: '€'.repeat(60_000) })).toContain('the HTML body is 180,000 bytes');
  });

  it('needs at least one recipient', () => {
    expect(messageOf({ ...EMAIL, to: [] })).toBe('checkReportEmail needs at least one recipient, got 0');
  });

  it('refuses a malformed or repeated recipient', () => {
    expect(messageOf({ ...EMAIL, to: ['a@b.co\r\nBcc: x@y.z'] })).toBe(
      'checkReportEmail: recipient "a@b.co\\r\\nBcc: x@y.z" contains a line break',
    );
    expect(messageOf({ ...EMAIL, to: ['a@b.co', 'A@B.co'] })).toBe(
      'checkReportEmail: recipient "A@B.co" is listed twice',
    );
  });

  it.each(['MBR\r\nBcc: x@y.z', 'MBR\n', 'MBR\r', 'MBR\u0000'])('refuses the subject %j', (subject) => {
    expect(messageOf({ ...EMAIL, subject })).toBe(
      `checkReportEmail: the subject must be one line without control characters, got ${JSON.stringify(subject)}`,
    );
  });

  it('accepts an empty body and no attachments (the empty-ish case)', () => {
    expect(() =>
      checkReportEmail({ ...EMAIL, subject: '', html: '', text: '', attachments: [] }),
    ).not.toThrow();
  });

  it.each(['', '../mbr.xlsx', 'a\\b.xlsx', 'mbr\r\n.xlsx'])(
    'refuses the attachment file name %j',
    (filename) => {
      expect(messageOf({ ...EMAIL, attachments: [{ ...WORKBOOK, filename }] })).toBe(
        `checkReportEmail: an attachment file name must be a plain non-empty name without control characters or slashes, got ${JSON.stringify(filename)}`,
      );
    },
  );

  it('accepts content types with parameters', () => {
    for (const contentType of [
      'text/html; charset=utf-8',
      'text/html;charset="utf-8"',
      'application/octet-stream',
    ]) {
      expect(() => checkReportEmail({ ...EMAIL, attachments: [{ ...WORKBOOK, contentType }] })).not.toThrow();
    }
  });

  it('refuses a content type that is not type/subtype', () => {
    expect(messageOf({ ...EMAIL, attachments: [{ ...WORKBOOK, contentType: 'text/html\r\nX: y' }] })).toBe(
      'checkReportEmail: attachment "mbr-2025-10.xlsx" needs a content type of the form type/subtype[; name=value], got "text/html\\r\\nX: y"',
    );
  });

  it('checks inline images: file and content ID', () => {
    const image = {
      cid: 'chart-1@shop',
      filename: 'chart.png',
      content: new Uint8Array(1),
      contentType: 'image/png',
    };
    expect(() => checkReportEmail({ ...EMAIL, inlineImages: [image] })).not.toThrow();
    expect(messageOf({ ...EMAIL, inlineImages: [{ ...image, cid: '<chart>' }] })).toBe(
      'checkReportEmail: inline image content ID must be non-empty without spaces or angle brackets, got "<chart>"',
    );
  });
});
