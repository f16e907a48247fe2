import { describe, expect, it } from 'vitest';
import * as email from '../../../src/reports/email/index.ts';

describe('the e-mail barrel', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(email).sort()).toEqual([
      'EmailError',
      'MAX_HTML_BYTES',
      'SEND_RECORD_FILE',
      'SUMMARY_HTML_BUDGET_BYTES',
      'canonicalJson',
      'checkReportEmail',
      'decideSend',
      'fingerprint',
      'lastSend',
      'parseRecipients',
      'readSendRecords',
      'recordSend',
      'sendReport',
      'smtpSettingsFromEnv',
      'summaryBodies',
    ]);
  });
});

describe('the doc comment examples hold', () => {
  it('parseRecipients', () => {
    expect(email.parseRecipients('ops@shop.example, CFO@shop.example')).toEqual([
      'ops@shop.example',
      'CFO@shop.example',
    ]);
  });

  it('smtpSettingsFromEnv', () => {
    expect(
      email.smtpSettingsFromEnv({
        SHOPSTAT_SMTP_HOST: 'smtp.shop.example',
        SHOPSTAT_SMTP_FROM: 'mbr@shop.example',
      }),
    ).toEqual({
      host: 'smtp.shop.example',
      port: 587,
      secure: false,
      user: null,
      password: null,
      from: 'mbr@shop.example',
    });
  });

  it('checkReportEmail', () => {
    const message = {
      to: ['ops@shop.example'],
      subject: 'MBR 2025-10',
      html: '<p>hi</p>',
      text: 'hi',
      attachments: [],
    };
    expect(() => email.checkReportEmail(message)).not.toThrow();
    expect(() => email.checkReportEmail({ ...message, to: [] })).toThrow(
      'checkReportEmail needs at least one recipient, got 0',
    );
  });

  it('fingerprint', () => {
    expect(email.fingerprint({ b: 2, a: [1, 'x'] })).toBe(email.fingerprint({ a: [1, 'x'], b: 2 }));
    expect(email.fingerprint({ b: 2, a: [1, 'x'] })).toBe(
      '8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37',
    );
  });

  it('decideSend', () => {
    const f = email.fingerprint({ revenue: '120450.00' });
    const records = [
      {
        month: '2025-10',
        recipients: ['a@b.co'],
        fingerprint: f,
        sentAt: '2026-11-02T10:00:00Z',
        messageId: '<m1@b.co>',
      },
    ];
    expect(email.decideSend(records, '2025-10', ['A@b.co'], f, true)).toEqual({
      send: false,
      reason:
        'the figures of 2025-10 are unchanged since they were sent on 2026-11-02T10:00:00Z (message <m1@b.co>)',
    });
  });

  it('summaryBodies', () => {
    const { text } = email.summaryBodies({
      title: 'Monthly business review',
      month: '2025-10',
      findings: [],
      kpis: [],
      footer: '',
    });
    expect(
      text.startsWith(
        'Monthly business review\n2025-10\n\nNo findings this month.\n\nThe full report (HTML) and ',
      ),
    ).toBe(true);
  });
});
