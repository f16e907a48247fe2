import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import { parseRecipients } from '../../../src/reports/email/recipients.ts';

function messageOf(text: string): string {
  try {
    parseRecipients(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  throw new Error(`parseRecipients accepted ${JSON.stringify(text)}`);
}

describe('parseRecipients', () => {
  it('returns the addresses in the order given, spaces around commas dropped, case kept', () => {
    expect(parseRecipients('ops@shop.example, CFO@Shop.Example ,\tx.y+mbr@sub.shop.example')).toEqual([
      'ops@shop.example',
      'CFO@Shop.Example',
      'x.y+mbr@sub.shop.example',
    ]);
  });

  it('takes a single address', () => {
    expect(parseRecipients('a@b.co')).toEqual(['a@b.co']);
  });

  it("accepts RFC 5321 atom characters in the local part (!#$%&'*+/=?^_`{|}~-)", () => {
    expect(parseRecipients("o'brien!#$%&*+/=?^_`{|}~-@shop.example")).toEqual([
      "o'brien!#$%&*+/=?^_`{|}~-@shop.example",
    ]);
  });

  it.each(['', '   ', ' \t '])('refuses the empty list %j', (text) => {
    expect(messageOf(text)).toBe(`parseRecipients needs at least one address, got ""`);
  });

  it('refuses empty entries (a doubled or trailing comma)', () => {
    expect(messageOf('a@b.co,,c@d.co')).toBe(
      'parseRecipients: entry 2 of "a@b.co,,c@d.co" is empty; separate addresses with single commas',
    );
    expect(messageOf('a@b.co,')).toBe(
      'parseRecipients: entry 2 of "a@b.co," is empty; separate addresses with single commas',
    );
  });

  it('refuses header injection with CR/LF, showing the line break escaped', () => {
    expect(messageOf('a@b.c\r\nBcc: x@y.z')).toBe(
      'parseRecipients: "a@b.c\\r\\nBcc: x@y.z" contains a line break',
    );
    expect(messageOf('a@b.co\nx@y.co')).toBe('parseRecipients: "a@b.co\\nx@y.co" contains a line break');
    expect(messageOf('a@b.co\r')).toBe('parseRecipients: "a@b.co\\r" contains a line break');
  });

  it('refuses display names, quotes and angle brackets', () => {
    const bare = 'is not a bare local@domain address (no names, quotes or angle brackets)';
    expect(messageOf('"x" <a@b.c>')).toBe(`parseRecipients: "\\"x\\" <a@b.c>" ${bare}`);
    expect(messageOf('<a@b.co>')).toBe(`parseRecipients: "<a@b.co>" ${bare}`);
    expect(messageOf('Ann Smith a@b.co')).toBe(`parseRecipients: "Ann Smith a@b.co" ${bare}`);
    expect(messageOf('a@b.co;c@d.co')).toBe(`parseRecipients: "a@b.co;c@d.co" ${bare}`);
    expect(messageOf('a(comment)@b.co')).toBe(`parseRecipients: "a(comment)@b.co" ${bare}`);
  });

  it.each([
    ['a@b.co\u0000', 'contains a control character'],
    ['josé@b.co', 'contains non-ASCII characters'],
    ['ab.co', 'needs exactly one @'],
    ['a@b@c.co', 'needs exactly one @'],
    ['@b.co', 'has nothing before the @'],
    ['.a@b.co', 'has a local part with a leading, trailing or double dot'],
    ['a..b@b.co', 'has a local part with a leading, trailing or double dot'],
    ['a.@b.co', 'has a local part with a leading, trailing or double dot'],
    ['a@localhost', 'needs a domain with a dot after the @'],
    ['a@', 'needs a domain with a dot after the @'],
    ['a@-b.co', 'has an invalid domain "-b.co"'],
    ['a@b..co', 'has an invalid domain "b..co"'],
    ['a@b.co.', 'has an invalid domain "b.co."'],
    ['a@b_c.co', 'has an invalid domain "b_c.co"'],
    [`${'x'.repeat(65)}@b.co`, 'has a local part of 65 characters, more than 64'],
    [
      `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.co`,
      'is 257 characters long, more than 254',
    ],
  ])('refuses %j: %s', (address, problem) => {
    expect(messageOf(address)).toBe(`parseRecipients: ${JSON.stringify(address)} ${problem}`);
  });

  it('refuses an address listed twice, comparing lower-cased', () => {
    expect(messageOf('a@b.co, c@d.co, A@B.CO')).toBe(
      'parseRecipients: "A@B.CO" is listed twice (as "a@b.co" too)',
    );
  });
});
