import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../etl/demo/index.ts';
import { runEtl } from '../../etl/runner.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { SHOPSTAT_BIN } from '../support/cli.ts';
import { tempDir } from '../support/fixtures.ts';
import { closedPort, startSmtpServer, type TestSmtpServer } from './email/smtp-test-server.ts';

/**
 * `shopstat report` as users run it, as a child process (asynchronous, so the SMTP server in this
 * process keeps answering): the files, the exit codes of bad input, and the e-mail end to end
 * against a real SMTP server on 127.0.0.1, the message parsed back with mailparser.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function report(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SHOPSTAT_BIN, 'report', ...args],
      { env: { ...process.env, TZ: 'UTC', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const dir = tempDir('shopstat-report-cli-');
const warehouse = join(dir.dir, 'wh.duckdb');
const PASSWORD = 'pa55-w0rd-never-printed';
let smtp: TestSmtpServer;

beforeAll(async () => {
  const landing = join(dir.dir, 'landing');
  await generateDemo({ outDir: landing, orders: 2500, seed: 3, startDate: '2024-01-01', months: 24 });
  expect([0, 2]).toContain((await runEtl({ landing, warehouse, timeZone: 'UTC' })).exitCode);
  smtp = await startSmtpServer({ credentials: { user: 'mbr', password: PASSWORD } });
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  dir.cleanup();
});

const smtpEnv = (port: number): Record<string, string> => ({
  SHOPSTAT_SMTP_HOST: '127.0.0.1',
  SHOPSTAT_SMTP_PORT: String(port),
  SHOPSTAT_SMTP_SECURE: 'false',
  SHOPSTAT_SMTP_USER: 'mbr',
  SHOPSTAT_SMTP_PASSWORD: PASSWORD,
  SHOPSTAT_SMTP_FROM: 'reports@shop.example',
});

describe('shopstat report', () => {
  it('writes the review of the last complete month and prints its findings; --json gives the result as data', async () => {
    const out = join(dir.dir, 'plain');
    const r = await report(['--warehouse', warehouse, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Monthly business review of 2025-12:\n {2}- /);
    expect(r.stdout).toContain(`workbook: ${join(out, 'mbr-2025-12.xlsx')} (4 pivot tables)`);
    const j = await report(['--warehouse', warehouse, '--out', out, '--month', '2025-06', '--json']);
    expect(j.code, j.stderr).toBe(0);
    const parsed = JSON.parse(j.stdout) as {
      kind: string;
      month: string;
      files: { html: string };
      email: null;
    };
    expect(parsed).toMatchObject({ kind: 'report-written', month: '2025-06', email: null });
    expect(readdirSync(out).sort()).toEqual([
      'mbr-2025-06.html',
      'mbr-2025-06.json',
      'mbr-2025-06.xlsx',
      'mbr-2025-12.html',
      'mbr-2025-12.json',
      'mbr-2025-12.xlsx',
    ]);
  });

  it.each([
    [
      ['--month', '2030-01'],
      /report: 2030-01 is outside the warehouse, whose orders run from 2024-01 to 2025-12/,
    ],
    [['--month', 'last'], /report: --month must be YYYY-MM, got "last"/],
    [['--email-if-changed'], /report: --email-if-changed needs --email/],
    [['--email', 'cfo@shop.example\r\nBcc: x@evil.example'], /contains a line break/],
  ])('bad input %j: exit 2 with one line, nothing written', async (args, message) => {
    const out = join(dir.dir, `bad-${Math.random().toString(36).slice(2)}`);
    const r = await report(['--warehouse', warehouse, '--out', out, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('a warehouse without gold: exit 2, saying how to build it', async () => {
    const file = join(dir.dir, 'empty.duckdb');
    (await Warehouse.open(file)).close();
    const r = await report(['--warehouse', file, '--out', join(dir.dir, 'none')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('build it with `shopstat etl');
  });

  it('missing e-mail settings: exit 2 before anything is written', async () => {
    const out = join(dir.dir, 'no-settings');
    const r = await report(['--warehouse', warehouse, '--out', out, '--email', 'cfo@shop.example'], {
      SHOPSTAT_SMTP_HOST: '',
      SHOPSTAT_SMTP_FROM: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SHOPSTAT_SMTP_HOST/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('e-mails the review: summary body under 100 KB with a text part, workbook and page attached byte for byte; --email-if-changed then skips', async () => {
    const out = join(dir.dir, 'mailed');
    const before = smtp.messages.length;
    const args = [
      '--warehouse',
      warehouse,
      '--out',
      out,
      '--email',
      'cfo@shop.example,ops@shop.example',
      '--email-if-changed',
    ];
    const r = await report(args, smtpEnv(smtp.port));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/e-mailed to cfo@shop\.example, ops@shop\.example/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(PASSWORD);
    expect(smtp.messages.length).toBe(before + 1);
    const received = smtp.messages.at(-1);
    expect(received?.user).toBe('mbr');
    expect(received?.rcptTo.sort()).toEqual(['cfo@shop.example', 'ops@shop.example']);
    const mail = await simpleParser(received?.raw ?? Buffer.alloc(0));
    expect(mail.subject).toBe('Monthly business review: December 2025');
    expect(Buffer.byteLength(String(mail.html), 'utf8')).toBeLessThan(102_400);
    expect(mail.text).toContain('Revenue');
    const byName = new Map(mail.attachments.map((a) => [a.filename, a]));
    expect([...byName.keys()].sort()).toEqual(['mbr-2025-12.html', 'mbr-2025-12.xlsx']);
    expect(byName.get('mbr-2025-12.xlsx')?.content.equals(readFileSync(join(out, 'mbr-2025-12.xlsx')))).toBe(
      true,
    );
    expect(byName.get('mbr-2025-12.html')?.content.equals(readFileSync(join(out, 'mbr-2025-12.html')))).toBe(
      true,
    );
    // The same figures again: not sent, and it says why.
    const again = await report(args, smtpEnv(smtp.port));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /not e-mailed: the figures of 2025-12 are unchanged since they were sent on /,
    );
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('an unreachable SMTP server: exit 1 with the error, the files written', async () => {
    const out = join(dir.dir, 'unreachable');
    const port = await closedPort();
    const r = await report(
      ['--warehouse', warehouse, '--out', out, '--email', 'cfo@shop.example'],
      smtpEnv(port),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toContain('nothing was sent');
    expect(r.stderr).not.toContain(PASSWORD);
    expect(readdirSync(out).sort()).toEqual(['mbr-2025-12.html', 'mbr-2025-12.json', 'mbr-2025-12.xlsx']);
  });
});
