import { describe, expect, it } from 'vitest';
import { parseCompare, sliceCondition } from '../../src/eda/drift-compare.ts';
import { InvalidArgumentError } from '../../src/errors.ts';

describe('parseCompare', () => {
  it('reads column=A,B', () => {
    expect(parseCompare('month=2025-09,2025-10')).toEqual({ column: 'month', a: '2025-09', b: '2025-10' });
  });

  it('reads a quoted value holding a comma, and a doubled quote inside quotes', () => {
    expect(parseCompare('region="Bayern, DE","Berlin"')).toEqual({
      column: 'region',
      a: 'Bayern, DE',
      b: 'Berlin',
    });
    expect(parseCompare('region=Berlin,"Bayern, DE"')).toEqual({
      column: 'region',
      a: 'Berlin',
      b: 'Bayern, DE',
    });
    expect(parseCompare('note="say ""hi""",plain')).toEqual({ column: 'note', a: 'say "hi"', b: 'plain' });
  });

  it('drops spaces around the parts but keeps them inside quotes', () => {
    expect(parseCompare(' channel = web , store ')).toEqual({ column: 'channel', a: 'web', b: 'store' });
    expect(parseCompare('channel=" web",web')).toEqual({ column: 'channel', a: ' web', b: 'web' });
  });

  it('keeps everything after the first "=" in the values', () => {
    expect(parseCompare('expr=a=1,b=2')).toEqual({ column: 'expr', a: 'a=1', b: 'b=2' });
  });

  it.each([
    ['month', 'no "="'],
    ['=a,b', 'no column before "="'],
    ['month=2025-09', '1 value(s) instead of 2'],
    ['month=a,b,c', '3 value(s) instead of 2'],
    ['month=,b', 'an empty value A'],
    ['month=a,', 'an empty value B'],
    ['region="Bayern, DE,Berlin', 'an unclosed quote'],
    ['region="Bayern" DE,Berlin', 'text after a closing quote'],
    ['month=2025-09,2025-09', 'A and B are the same value "2025-09" of column "month"'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseCompare(text)).toThrow(InvalidArgumentError);
    expect(() => parseCompare(text)).toThrow(why);
  });

  it('quotes the text and shows the expected form in the error', () => {
    expect(() => parseCompare('month')).toThrow(
      'parseCompare: no "=" in "month"; expected column=A,B, a value holding a comma or starting with a quote in double quotes',
    );
  });
});

describe('sliceCondition', () => {
  it('binds an exact value and casts it to the column type in SQL', () => {
    expect(sliceCondition('"qty"', 'INTEGER', '3', 'a')).toEqual({
      sql: '"qty" = cast($a as INTEGER)',
      params: { a: '3' },
      reading: 'value',
    });
  });

  it('reads YYYY-MM on a DATE column as the whole month, December into January', () => {
    expect(sliceCondition('"d"', 'DATE', '2025-12', 'b')).toEqual({
      sql: '"d" >= cast($b_from as DATE) and "d" < cast($b_to as DATE)',
      params: { b_from: '2025-12-01', b_to: '2026-01-01' },
      reading: 'month',
    });
    expect(sliceCondition('"ts"', 'TIMESTAMP WITH TIME ZONE', '2025-09', 'a').params).toEqual({
      a_from: '2025-09-01 00:00:00+00',
      a_to: '2025-10-01 00:00:00+00',
    });
  });

  it('keeps YYYY-MM as an exact value on a text column, and month 13 as a value on a date column', () => {
    expect(sliceCondition('"month"', 'VARCHAR', '2025-09', 'a').reading).toBe('value');
    expect(sliceCondition('"d"', 'DATE', '2025-13', 'a').reading).toBe('value');
  });
});
