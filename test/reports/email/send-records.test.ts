import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, ShopstatError } from '../../../src/errors.ts';
import {
  lastSend,
  readSendRecords,
  recordSend,
  SEND_RECORD_FILE,
  type SendRecord,
} from '../../../src/reports/email/send-records.ts';

const F1 = 'a'.repeat(64);
const F2 = 'b'.repeat(64);

function record(overrides: Partial<SendRecord> = {}): SendRecord {
  return {
    month: '2025-10',
    recipients: ['ops@shop.example', 'cfo@shop.example'],
    fingerprint: F1,
    sentAt: '2026-11-02T10:00:00Z',
    messageId: '<m1@shop.example>',
    ...overrides,
  };
}

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'shopstat-email-'));
});
afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('readSendRecords', () => {
  it('gives [] when nothing was sent yet (no file)', () => {
    expect(readSendRecords(outDir)).toEqual([]);
  });

  it.each([
    ['{', /not JSON: /],
    ['[]', /not a JSON object/],
    ['null', /not a JSON object/],
    ['{"records":[]}', /version undefined, expected 1/],
    ['{"version":2,"records":[]}', /version 2, expected 1/],
    ['{"version":1,"records":{}}', /"records" is not a list/],
    ['{"version":1,"records":[1]}', /record 1 is not an object/],
    [
      '{"version":1,"records":[{"month":"2025-13","recipients":["a@b.co"],"fingerprint":"x","sentAt":"x","messageId":"x"}]}',
      /record 1 has month "2025-13", expected YYYY-MM/,
    ],
  ])('refuses the corrupt file %s, naming it and saying what to do', (text, why) => {
    const file = join(outDir, SEND_RECORD_FILE);
    writeFileSync(file, text);
    expect(() => readSendRecords(outDir)).toThrow(InvalidArgumentError);
    expect(() => readSendRecords(outDir)).toThrow(why);
    expect(() => readSendRecords(outDir)).toThrow(
      `readSendRecords: ${file} is not a valid send record file (`,
    );
    expect(() => readSendRecords(outDir)).toThrow(
      '; fix or delete it (the next run with --email-if-changed then sends again)',
    );
  });

  it('refuses a record with a bad field, saying which', () => {
    const cases: [Partial<Record<keyof SendRecord, unknown>>, string][] = [
      [{ recipients: [] }, 'record 1 has recipients [], expected a non-empty list of addresses'],
      [
        { fingerprint: 'A'.repeat(64) },
        `record 1 has fingerprint "${'A'.repeat(64)}", expected 64 lower-case hex digits`,
      ],
      [
        { sentAt: '2026-11-02 10:00' },
        'record 1 has sentAt "2026-11-02 10:00", expected a UTC instant like 2026-11-02T10:00:00Z',
      ],
      [{ sentAt: '2026-02-30T10:00:00+01:00' }, 'record 1 has sentAt "2026-02-30T10:00:00+01:00"'],
      [{ messageId: '' }, 'record 1 has messageId "", expected the Message-ID of the e-mail'],
    ];
    for (const [overrides, message] of cases) {
      writeFileSync(
        join(outDir, SEND_RECORD_FILE),
        JSON.stringify({ version: 1, records: [{ ...record(), ...overrides }] }),
      );
      expect(() => readSendRecords(outDir)).toThrow(message);
    }
  });

  it('refuses a file it cannot read (here a folder by that name), naming it', () => {
    const file = join(outDir, SEND_RECORD_FILE);
    mkdirSync(file);
    expect(() => readSendRecords(outDir)).toThrow(InvalidArgumentError);
    expect(() => readSendRecords(outDir)).toThrow(`readSendRecords: cannot read ${file}: EISDIR`);
  });
});

describe('recordSend', () => {
  it('writes a record that reads back the same, as version 1 JSON', () => {
    recordSend(outDir, record());
    expect(readSendRecords(outDir)).toEqual([record()]);
    const text = readFileSync(join(outDir, SEND_RECORD_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, records: [record()] });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('replaces the record of the same month and recipient set and keeps the others', () => {
    recordSend(outDir, record({ month: '2025-09', messageId: '<sep@shop.example>' }));
    recordSend(outDir, record());
    recordSend(outDir, record({ recipients: ['ceo@shop.example'], messageId: '<ceo@shop.example>' }));
    recordSend(
      outDir,
      record({
        recipients: ['CFO@shop.example', 'ops@shop.example'],
        fingerprint: F2,
        sentAt: '2026-11-03T08:00:00Z',
        messageId: '<m2@shop.example>',
      }),
    );
    expect(readSendRecords(outDir).map((r) => r.messageId)).toEqual([
      '<sep@shop.example>',
      '<ceo@shop.example>',
      '<m2@shop.example>',
    ]);
  });

  it('writes atomically: no temporary file is left beside the record file', () => {
    recordSend(outDir, record());
    recordSend(outDir, record({ month: '2025-11' }));
    expect(readdirSync(outDir)).toEqual([SEND_RECORD_FILE]);
  });

  it('leaves a corrupt file alone and says so instead of overwriting it', () => {
    writeFileSync(join(outDir, SEND_RECORD_FILE), '{ not json');
    expect(() => recordSend(outDir, record())).toThrow(/readSendRecords: .* is not a valid send record file/);
    expect(readFileSync(join(outDir, SEND_RECORD_FILE), 'utf8')).toBe('{ not json');
  });

  it('refuses a malformed record', () => {
    expect(() => recordSend(outDir, record({ month: '2025-1' }))).toThrow(
      'recordSend: the record has month "2025-1", expected YYYY-MM',
    );
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('fails with a ShopstatError naming the file when the folder does not exist, leaving nothing behind', () => {
    const missing = join(outDir, 'missing');
    expect(() => recordSend(missing, record())).toThrow(ShopstatError);
    expect(() => recordSend(missing, record())).toThrow(
      `recordSend: cannot write ${join(missing, SEND_RECORD_FILE)}: `,
    );
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('lastSend', () => {
  const records = [
    record({ sentAt: '2026-11-01T09:00:00Z', messageId: '<old@x.co>' }),
    record({ sentAt: '2026-11-02T10:00:00.500Z', messageId: '<new@x.co>' }),
    record({ month: '2025-09', messageId: '<sep@x.co>' }),
  ];

  it('finds the latest send of the month to the same recipients, in any order and case', () => {
    expect(lastSend(records, '2025-10', ['CFO@shop.example', 'ops@shop.example'])?.messageId).toBe(
      '<new@x.co>',
    );
  });

  it('gives null for another month, another recipient set, or no records', () => {
    expect(lastSend(records, '2025-11', ['ops@shop.example', 'cfo@shop.example'])).toBeNull();
    expect(lastSend(records, '2025-10', ['ops@shop.example'])).toBeNull();
    expect(
      lastSend(records, '2025-10', ['ops@shop.example', 'cfo@shop.example', 'ceo@shop.example']),
    ).toBeNull();
    expect(lastSend([], '2025-10', ['ops@shop.example'])).toBeNull();
  });
});
