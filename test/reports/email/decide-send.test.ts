import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import { decideSend } from '../../../src/reports/email/decide-send.ts';
import { fingerprint } from '../../../src/reports/email/fingerprint.ts';
import type { SendRecord } from '../../../src/reports/email/send-records.ts';

const figures = { month: '2025-10', inputs: { orders: 'sha256:ab12' }, revenue: '120450.00' };
const SENT = fingerprint(figures);
const RECORDS: SendRecord[] = [
  {
    month: '2025-10',
    recipients: ['ops@shop.example', 'cfo@shop.example'],
    fingerprint: SENT,
    sentAt: '2026-11-02T10:00:00Z',
    messageId: '<m1@shop.example>',
  },
];
const TO = ['cfo@shop.example', 'OPS@shop.example'];

describe('decideSend', () => {
  it('does not send unchanged figures to the same recipients again, and says when they were sent', () => {
    const sameFiguresOtherKeyOrder = fingerprint({
      revenue: '120450.00',
      inputs: { orders: 'sha256:ab12' },
      month: '2025-10',
    });
    expect(decideSend(RECORDS, '2025-10', TO, sameFiguresOtherKeyOrder, true)).toEqual({
      send: false,
      reason:
        'the figures of 2025-10 are unchanged since they were sent on 2026-11-02T10:00:00Z (message <m1@shop.example>)',
    });
  });

  it('sends when the fingerprint differs', () => {
    const changed = fingerprint({ ...figures, revenue: '120451.00' });
    expect(decideSend(RECORDS, '2025-10', TO, changed, true)).toEqual({
      send: true,
      reason:
        'the figures of 2025-10 changed since they were sent on 2026-11-02T10:00:00Z (message <m1@shop.example>)',
    });
  });

  it('sends to a different recipient set, even a subset or a superset', () => {
    const expected = {
      send: true,
      reason: 'the figures of 2025-10 have not been sent to these recipients before',
    };
    expect(decideSend(RECORDS, '2025-10', ['ops@shop.example'], SENT, true)).toEqual(expected);
    expect(decideSend(RECORDS, '2025-10', [...TO, 'ceo@shop.example'], SENT, true)).toEqual(expected);
  });

  it('sends another month, and sends when nothing was recorded', () => {
    expect(decideSend(RECORDS, '2025-11', TO, SENT, true)).toEqual({
      send: true,
      reason: 'the figures of 2025-11 have not been sent to these recipients before',
    });
    expect(decideSend([], '2025-10', TO, SENT, true).send).toBe(true);
  });

  it('always sends when ifChanged is off', () => {
    expect(decideSend(RECORDS, '2025-10', TO, SENT, false)).toEqual({
      send: true,
      reason: 'the report of 2025-10 is sent on every run unless only changes are asked for',
    });
  });

  it('refuses a malformed month, no recipients or a fingerprint that is not SHA-256 hex', () => {
    expect(() => decideSend(RECORDS, '2025/10', TO, SENT, true)).toThrow(InvalidArgumentError);
    expect(() => decideSend(RECORDS, '2025/10', TO, SENT, true)).toThrow(
      'decideSend: month must be YYYY-MM, got "2025/10"',
    );
    expect(() => decideSend(RECORDS, '2025-10', [], SENT, true)).toThrow(
      'decideSend needs at least one recipient, got 0',
    );
    expect(() => decideSend(RECORDS, '2025-10', TO, 'abc', true)).toThrow(
      'decideSend: the fingerprint must be 64 lower-case hex digits (from fingerprint()), got "abc"',
    );
  });
});
