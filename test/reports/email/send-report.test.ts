import { inspect } from 'node:util';
import { type AddressObject, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import { EmailError } from '../../../src/reports/email/email-error.ts';
import type { ReportEmail } from '../../../src/reports/email/report-email.ts';
import { sendReport } from '../../../src/reports/email/send-report.ts';
import type { SmtpSettings } from '../../../src/reports/email/smtp-settings.ts';
import { closedPort, startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PASSWORD = 'Tr0ub4dor&3-never-shown';

/** ~400 KB of seeded pseudo-random bytes (xorshift32), viewed at an offset inside a larger buffer. */
function workbookBytes(): Uint8Array {
  const backing = new Uint8Array(400_000 + 13);
  let state = 0x2545f491;
  for (let i = 0; i < backing.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    backing[i] = state & 0xff;
  }
  return backing.subarray(7, 7 + 400_000);
}

/** The full HTML report: UTF-8, LF and CRLF line ends, a line longer than 998 characters. */
const REPORT_HTML = Buffer.from(
  `<!DOCTYPE html>\n<html><body><h1>Revenue — October 2025 (€)</h1>\r\n<p>${'x'.repeat(1200)}</p>\n</body></html>\n`,
  'utf8',
);

function reportEmail(to: readonly string[]): ReportEmail {
  return {
    to,
    subject: 'Monthly business review — October 2025',
    html: '<p>Revenue rose <b>4.2%</b> to €120,450.</p>',
    text: 'Revenue rose 4.2% to €120,450.\n',
    attachments: [
      { filename: 'mbr-2025-10.xlsx', content: workbookBytes(), contentType: XLSX },
      { filename: 'mbr-2025-10.html', content: REPORT_HTML, contentType: 'text/html; charset=utf-8' },
    ],
  };
}

function settings(
  server: { host: string; port: number },
  login: [string, string] | null = null,
): SmtpSettings {
  return {
    host: server.host,
    port: server.port,
    secure: false,
    user: login?.[0] ?? null,
    password: login?.[1] ?? null,
    from: 'mbr@shop.example',
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Everything written to stdout, stderr or the console while `run` runs (still passed through). */
async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originalWrites = streams.map((stream) => stream.write);
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originalConsole = methods.map((method) => console[method]);
  streams.forEach((stream, i) => {
    const original = originalWrites[i] as typeof stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  });
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]) => {
      written.push(args.map((arg) => inspect(arg)).join(' '));
      (originalConsole[i] as (...a: unknown[]) => void)(...args);
    };
  });
  try {
    return { result: await run(), output: written.join('') };
  } finally {
    streams.forEach((stream, i) => {
      stream.write = originalWrites[i] as typeof stream.write;
    });
    methods.forEach((method, i) => {
      console[method] = originalConsole[i] as (...a: unknown[]) => void;
    });
  }
}

describe('sendReport against a real SMTP server without login', () => {
  let server: TestSmtpServer;
  beforeAll(async () => {
    server = await startSmtpServer({ refuse: (address) => address.startsWith('nobody@') });
  });
  afterAll(async () => {
    await server.close();
  });

  it('delivers the message: envelope, headers, both bodies and byte-identical attachments', async () => {
    const email = reportEmail(['ops@shop.example', 'CFO@Shop.Example']);
    const result = await sendReport(settings(server), email);

    expect(result).toEqual({
      kind: 'email-sent',
      messageId: expect.stringMatching(/^<[^<>@\s]+@shop\.example>$/),
      accepted: ['ops@shop.example', 'CFO@shop.example'],
      rejected: [],
      response: expect.stringMatching(/^250 /),
      bytes: expect.any(Number),
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    const received = server.messages.at(-1);
    expect(received?.mailFrom).toBe('mbr@shop.example');
    // nodemailer lower-cases the domain (not the local part), on the envelope and in To alike.
    expect(received?.rcptTo).toEqual(['ops@shop.example', 'CFO@shop.example']);
    expect(received?.user).toBeNull();
    // The size nodemailer reports is the DATA it streamed; the server holds it without the final dot.
    expect(Math.abs(result.bytes - (received?.raw.length ?? 0))).toBeLessThanOrEqual(5);
    expect(result.bytes).toBeGreaterThan(400_000 * (4 / 3));

    const parsed = await simpleParser(received?.raw ?? Buffer.alloc(0));
    expect(parsed.messageId).toBe(result.messageId);
    expect(addresses(parsed.from)).toEqual(['mbr@shop.example']);
    expect(addresses(parsed.to)).toEqual(['ops@shop.example', 'CFO@shop.example']);
    expect(parsed.cc).toBeUndefined();
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Monthly business review — October 2025');
    expect(parsed.html).toBe('<p>Revenue rose <b>4.2%</b> to €120,450.</p>');
    expect(parsed.text).toBe('Revenue rose 4.2% to €120,450.\n');

    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['mbr-2025-10.xlsx', XLSX, 400_000],
      ['mbr-2025-10.html', 'text/html', REPORT_HTML.length],
    ]);
    const [workbook, report] = parsed.attachments;
    expect(workbook?.content.equals(workbookBytes())).toBe(true);
    expect(report?.content.equals(REPORT_HTML)).toBe(true);
  });

  it('sends inline images with their content ID', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await sendReport(settings(server), {
      ...reportEmail(['ops@shop.example']),
      html: '<p><img src="cid:revenue-chart@shopstat" alt="Revenue"></p>',
      attachments: [],
      inlineImages: [
        { cid: 'revenue-chart@shopstat', filename: 'revenue.png', content: png, contentType: 'image/png' },
      ],
    });
    const parsed = await simpleParser(server.messages.at(-1)?.raw ?? Buffer.alloc(0));
    const image = parsed.attachments[0];
    expect([image?.filename, image?.contentType, image?.cid, image?.contentDisposition]).toEqual([
      'revenue.png',
      'image/png',
      'revenue-chart@shopstat',
      'inline',
    ]);
    expect(image?.content.equals(Buffer.from(png))).toBe(true);
  });

  it('reports recipients the server refuses in the result when it accepts the others; only they get the message', async () => {
    const result = await sendReport(
      settings(server),
      reportEmail(['ops@shop.example', 'nobody@shop.example']),
    );
    expect(result.accepted).toEqual(['ops@shop.example']);
    expect(result.rejected).toEqual(['nobody@shop.example']);
    expect(server.messages.at(-1)?.rcptTo).toEqual(['ops@shop.example']);
  });

  it('throws an EmailError when the server refuses every recipient, and sends nothing', async () => {
    const before = server.messages.length;
    const error = await rejectionOf(sendReport(settings(server), reportEmail(['nobody@shop.example'])));
    expect(error).toBeInstanceOf(EmailError);
    const emailError = error as EmailError;
    expect(emailError.message).toBe(
      `sendReport: 127.0.0.1:${server.port} refused every recipient (nobody@shop.example): 550 5.1.1 <nobody@shop.example>: mailbox unavailable`,
    );
    expect([emailError.code, emailError.responseCode, emailError.command, emailError.rejected]).toEqual([
      'EENVELOPE',
      550,
      'RCPT TO',
      ['nobody@shop.example'],
    ]);
    expect(emailError.exitCode).toBe(1);
    expect(server.messages.length).toBe(before);
  });

  it('checks the message before connecting: an HTML body over 100 KB is refused and nothing is sent', async () => {
    const before = server.messages.length;
    const email = { ...reportEmail(['ops@shop.example']), html: 'x'.repeat(102_401) };
    await expect(sendReport(settings(server), email)).rejects.toThrow(InvalidArgumentError);
    await expect(sendReport(settings(server), email)).rejects.toThrow(
      'checkReportEmail: the HTML body is 102,401 bytes',
    );
    expect(server.messages.length).toBe(before);
  });

  it('refuses settings with a user but no password', async () => {
    await expect(
      sendReport({ ...settings(server), user: 'mbr' }, reportEmail(['ops@shop.example'])),
    ).rejects.toThrow(
      'sendReport: settings need both a user and a password, or neither; got user "mbr" and no password',
    );
  });
});

describe('sendReport with AUTH PLAIN/LOGIN', () => {
  let server: TestSmtpServer;
  beforeAll(async () => {
    server = await startSmtpServer({ credentials: { user: 'mbr', password: PASSWORD } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs in with the right credentials and sends', async () => {
    const result = await sendReport(settings(server, ['mbr', PASSWORD]), reportEmail(['ops@shop.example']));
    expect(result.accepted).toEqual(['ops@shop.example']);
    expect(server.messages.at(-1)?.user).toBe('mbr');
  });

  it('a wrong password gives an EmailError with the 535 reply, and the password is never shown or written', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const { result: error, output } = await captureOutput(() => {
      process.stderr.write('capture works\n');
      return rejectionOf(sendReport(settings(server, ['mbr', wrong]), reportEmail(['ops@shop.example'])));
    });
    expect(output).toContain('capture works');
    expect(error).toBeInstanceOf(EmailError);
    const emailError = error as EmailError;
    expect(emailError.message).toBe(
      `sendReport: 127.0.0.1:${server.port} refused the login of user "mbr": 535 5.7.8 Authentication credentials invalid; check SHOPSTAT_SMTP_USER and SHOPSTAT_SMTP_PASSWORD`,
    );
    expect([emailError.code, emailError.responseCode, emailError.response]).toEqual([
      'EAUTH',
      535,
      '535 5.7.8 Authentication credentials invalid',
    ]);
    expect(emailError.cause).toBeUndefined();

    const secrets = [
      wrong,
      PASSWORD,
      Buffer.from(wrong).toString('base64'),
      Buffer.from(`\0mbr\0${wrong}`).toString('base64'),
    ];
    const everywhere = [
      emailError.message,
      emailError.stack ?? '',
      JSON.stringify(emailError),
      inspect(emailError, { depth: 10, showHidden: true }),
      String(emailError),
      output,
    ];
    for (const text of everywhere) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('removes the password even when the server quotes it in its reply', async () => {
    const careless = await startSmtpServer({
      credentials: { user: 'mbr', password: PASSWORD },
      echoPassword: true,
    });
    try {
      const wrong = `${PASSWORD}-wrong`;
      const error = await rejectionOf(
        sendReport(settings(careless, ['mbr', wrong]), reportEmail(['ops@shop.example'])),
      );
      expect(error).toBeInstanceOf(EmailError);
      expect((error as EmailError).response).toBe(
        '535 5.7.8 Authentication credentials invalid (password [password removed])',
      );
      expect(error.message).toContain('(password [password removed])');
      for (const text of [error.message, error.stack ?? '', inspect(error, { showHidden: true })]) {
        expect(text).not.toContain(wrong);
      }
    } finally {
      await careless.close();
    }
  });

  it('a missing login where the server requires one gives an EmailError', async () => {
    const error = await rejectionOf(sendReport(settings(server), reportEmail(['ops@shop.example'])));
    expect(error).toBeInstanceOf(EmailError);
    expect(error.message).toBe(
      `sendReport: 127.0.0.1:${server.port} requires a login: 530 Error: authentication Required; set SHOPSTAT_SMTP_USER and SHOPSTAT_SMTP_PASSWORD`,
    );
    expect((error as EmailError).responseCode).toBe(530);
  });
});

describe('sendReport to an unreachable server', () => {
  it('fails fast with an EmailError naming host:port when the connection is refused', async () => {
    const port = await closedPort();
    const started = performance.now();
    const error = await rejectionOf(
      sendReport(settings({ host: '127.0.0.1', port }), reportEmail(['ops@shop.example'])),
    );
    const elapsedMs = performance.now() - started;
    expect(error).toBeInstanceOf(EmailError);
    expect(error.message).toBe(
      `sendReport: could not talk to 127.0.0.1:${port} (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:${port}; check SHOPSTAT_SMTP_HOST, SHOPSTAT_SMTP_PORT and SHOPSTAT_SMTP_SECURE`,
    );
    const emailError = error as EmailError;
    expect([emailError.host, emailError.port, emailError.code, emailError.originalCode]).toEqual([
      '127.0.0.1',
      port,
      'ESOCKET',
      'ECONNREFUSED',
    ]);
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('fails fast with an EmailError when secure is set but the server speaks plain SMTP', async () => {
    const server = await startSmtpServer();
    try {
      const started = performance.now();
      const error = await rejectionOf(
        sendReport({ ...settings(server), secure: true }, reportEmail(['ops@shop.example'])),
      );
      expect(error).toBeInstanceOf(EmailError);
      expect(error.message).toMatch(
        new RegExp(
          `^sendReport: could not talk to 127\\.0\\.0\\.1:${server.port} \\(.+\\): .+; check SHOPSTAT_SMTP_HOST, SHOPSTAT_SMTP_PORT and SHOPSTAT_SMTP_SECURE$`,
        ),
      );
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(server.messages).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('sendReport to a server that drops the connection mid-message', () => {
  it('fails with an EmailError once the server hangs up during DATA, and reports no delivery', async () => {
    const { createServer } = await import('node:net');
    // A minimal SMTP peer (RFC 5321 replies): it accepts the envelope, asks for the data with 354,
    // then closes the connection after the first chunk of the message.
    const server = createServer((socket) => {
      let inData = false;
      socket.write('220 drop.example ESMTP\r\n');
      socket.on('data', (chunk) => {
        if (inData) {
          socket.destroy();
          return;
        }
        for (const line of chunk
          .toString('latin1')
          .split('\r\n')
          .filter((l) => l !== '')) {
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250-drop.example\r\n250 8BITMIME\r\n');
          else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 OK\r\n');
          else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write('502 not here\r\n');
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const started = performance.now();
      const error = await rejectionOf(
        sendReport(settings({ host: '127.0.0.1', port }), reportEmail(['ops@shop.example'])),
      );
      expect(error).toBeInstanceOf(EmailError);
      expect(error.message).toMatch(new RegExp(`^sendReport: .*127\\.0\\.0\\.1:${port}`));
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
