import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeWindows1252,
  detectEncodingIssue,
  utf8DeclaredAsLatin,
} from '../../../etl/ingest/encoding-guard.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../../support/fixtures.ts';

/** UTF-8 text read as Windows-1252 and written out as UTF-8 again: what a double encoding does. */
const doubleEncode = (text: string) => Buffer.from(decodeWindows1252(Buffer.from(text, 'utf8')), 'utf8');

describe('detectEncodingIssue', () => {
  it.each([
    ['é', 'CafÃ©'],
    ['’', 'Donâ€™t'],
    ['a no-break space', 'Konftel 250 Conference phone\u00C2\u00A0- Charcoal'],
  ])('finds UTF-8 read as Latin-1 (%s)', (_what, text) => {
    const issue = detectEncodingIssue(Buffer.from(`name\n${text}\n`));
    expect(issue?.code).toBe('mojibake');
    expect(issue?.sample).toBe(text);
  });

  it('double encoding of real text is found by the same rule', () => {
    expect(doubleEncode('Müller’s Café').toString('utf8')).toBe('MÃ¼llerâ€™s CafÃ©');
    expect(detectEncodingIssue(doubleEncode('id,name\n1,Müller’s Café\n'))?.code).toBe('mojibake');
  });

  it('finds Latin-1 bytes and shows them as Windows-1252 reads them', () => {
    // "Dotcomgiftshop Gift Voucher £40.00" with £ as the Latin-1 byte A3, as in the UCI Online Retail head.
    const bytes = Buffer.concat([
      Buffer.from('x,Dotcomgiftshop Gift Voucher '),
      Buffer.from([0xa3]),
      Buffer.from('40.00,1\n'),
    ]);
    expect(detectEncodingIssue(bytes)).toEqual({
      code: 'not_utf8',
      sample: 'x,Dotcomgiftshop Gift Voucher £40.00,1',
    });
  });

  it('clean UTF-8 text, accents included, raises nothing; nor does a character cut by the end of the probe', () => {
    expect(detectEncodingIssue(Buffer.from('name\nMüller, Café, São Paulo, naïve, 40 £\n'))).toBeNull();
    expect(detectEncodingIssue(Buffer.from('é').subarray(0, 1))).toBeNull();
    expect(detectEncodingIssue(Buffer.alloc(0))).toBeNull();
  });
});

describe('utf8DeclaredAsLatin', () => {
  it('finds the first UTF-8 line with non-ASCII text, and nothing in ASCII or Latin-1 bytes', () => {
    expect(utf8DeclaredAsLatin(Buffer.from('id,name\n1,Plain\n2,Café\n3,Müller\n'))).toBe('2,Café');
    expect(utf8DeclaredAsLatin(Buffer.from('id,name\n1,Plain\n'))).toBeNull();
    expect(utf8DeclaredAsLatin(Buffer.from([0x31, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a]))).toBeNull();
  });
});

describe('encoding warnings in a run', () => {
  let fx: EtlFixture;
  afterEach(() => fx?.cleanup());

  it('a double-encoded file loads with a warning naming the file and the encoding to use', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'customers_2.csv': doubleEncode(
        'customer_id,gender,birth_date,country,region,city,signup_date\nu9,,,DE,,Köln,\n',
      ),
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      {
        code: 'mojibake',
        message: expect.stringMatching(
          /^customers_2\.csv looks like UTF-8 text that was decoded as Latin-1.*"u9,,,DE,,KÃ¶ln,".*re-export it from its source as UTF-8/,
        ),
      },
    ]);
  });

  it('a Latin-1 file has its rows with such bytes quarantined and a warning naming windows-1252', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `u${i},,,DE,,Berlin,`);
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'customers_2.csv': Buffer.concat([
        Buffer.from(
          `customer_id,gender,birth_date,country,region,city,signup_date\n${rows.join('\n')}\nu900,,,DE,,K`,
        ),
        Buffer.from([0xf6]),
        Buffer.from('ln,\n'),
      ]),
    });
    const result = await fx.run();
    expect(result.warnings.map((w) => w.code)).toEqual(['not_utf8']);
    expect(result.warnings[0]?.message).toContain('customers_2.csv is not UTF-8');
    expect(result.warnings[0]?.message).toContain('u900,,,DE,,Köln,');
    expect(result.files.find((f) => f.file === 'customers_2.csv')?.rejectedByReason).toEqual({
      malformed_row: 1,
    });
  });
});
