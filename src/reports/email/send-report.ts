import nodemailer, { type NodemailerError, type SMTPTransportOptions } from 'nodemailer';
import { InvalidArgumentError } from '../../errors.ts';
import { EmailError } from './email-error.ts';
import { checkReportEmail, type ReportEmail } from './report-email.ts';
import type { SmtpSettings } from './smtp-settings.ts';

/** What the SMTP server said about a sent report e-mail. */
export interface SendResult {
  readonly kind: 'email-sent';
  /** The `Message-ID` header, with angle brackets, e.g. `<0bc3...@shop.example>`. */
  readonly messageId: string;
  /** Recipients the server accepted, as nodemailer put them on the envelope (domain lower-cased). */
  readonly accepted: string[];
  /**
   * Recipients the server refused while accepting the others; the message went to `accepted`
   * only. Empty when all were accepted; when all are refused `sendReport` throws instead.
   */
  readonly rejected: string[];
  /** The server's final reply, e.g. `250 2.0.0 OK: queued as 1A2B3C`. */
  readonly response: string;
  /** Size of the message as sent, in bytes. */
  readonly bytes: number;
}

/** Connection and greeting waits: a server that has not answered in 10 s is not going to. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Waits between SMTP steps once connected, including the upload of the attachments. */
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * sendReport: sends one report e-mail over SMTP with nodemailer, on a connection opened for it
 * and closed afterwards.
 *
 * With `settings.secure` the connection is TLS from the start (SMTPS, RFC 8314); otherwise it
 * starts plain and is upgraded with STARTTLS (RFC 3207) when the server offers it, with the
 * certificate checked. A server that does not offer STARTTLS gets a plain connection, login
 * included: use `secure` for servers outside a trusted network. Connection and greeting wait
 * 10 s each. Nodemailer's logger and debug output are off, so nothing is written to the console.
 * Local file and URL attachments are disabled: only the bytes given are sent. Attachments are
 * always base64-encoded, so a text file (the HTML report) arrives byte for byte, line ends included.
 *
 * Some recipients refused: the message goes to the others and they are listed in `rejected`.
 *
 * @throws {InvalidArgumentError} when `checkReportEmail` refuses the message, or the settings
 *   have a user without a password (or the reverse); nothing is sent.
 * @throws {EmailError} when connecting, logging in or sending fails, including when the server
 *   refuses every recipient; the message starts `sendReport:`, names `host:port` and quotes the
 *   server's reply; the password appears nowhere in it.
 * @example
 * const result = await sendReport(smtpSettingsFromEnv(process.env), email);
 * // { kind: 'email-sent', messageId: '<...>', accepted: ['ops@shop.example'], rejected: [], response: '250 OK', bytes: 563210 }
 */
export async function sendReport(settings: SmtpSettings, email: ReportEmail): Promise<SendResult> {
  checkReportEmail(email);
  if ((settings.user === null) !== (settings.password === null)) {
    throw new InvalidArgumentError(
      `sendReport: settings need both a user and a password, or neither; got user ${JSON.stringify(settings.user)} and ${settings.password === null ? 'no' : 'a'} password`,
    );
  }
  const transport = nodemailer.createTransport(transportOptions(settings));
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: [...email.to],
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: [
        ...email.attachments.map((file) => ({
          filename: file.filename,
          content: asBuffer(file.content),
          contentType: file.contentType,
          contentTransferEncoding: 'base64',
        })),
        ...(email.inlineImages ?? []).map((image) => ({
          cid: image.cid,
          filename: image.filename,
          content: asBuffer(image.content),
          contentType: image.contentType,
          contentTransferEncoding: 'base64',
          contentDisposition: 'inline' as const,
        })),
      ],
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return {
      kind: 'email-sent',
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
      bytes: info.messageSize,
    };
  } catch (error) {
    throw emailError(settings, error);
  } finally {
    transport.close();
  }
}

function transportOptions(settings: SmtpSettings): SMTPTransportOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== null && settings.password !== null
      ? { auth: { user: settings.user, pass: settings.password } }
      : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    logger: false,
    debug: false,
    transactionLog: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** A view of the attachment's bytes as a Buffer, without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The EmailError for a nodemailer failure: its SMTP facts copied, every form of the password removed. */
function emailError(settings: SmtpSettings, error: unknown): EmailError {
  const failure: NodemailerError = error instanceof Error ? error : new Error(String(error));
  const scrub = scrubber(settings);
  const where = `${settings.host}:${settings.port}`;
  const code = failure.code ?? null;
  const originalCode = failure.originalCode ?? null;
  const response = failure.response === undefined ? null : oneLine(scrub(failure.response));
  const detail = oneLine(scrub(failure.message));
  let message: string;
  if (code === 'EAUTH') {
    message = `sendReport: ${where} refused the login of user ${JSON.stringify(settings.user)}: ${response ?? detail}; check SHOPSTAT_SMTP_USER and SHOPSTAT_SMTP_PASSWORD`;
  } else if (failure.responseCode === 530) {
    message = `sendReport: ${where} requires a login: ${response ?? detail}; set SHOPSTAT_SMTP_USER and SHOPSTAT_SMTP_PASSWORD`;
  } else if (code === 'EENVELOPE' && failure.rejected !== undefined) {
    message = `sendReport: ${where} refused every recipient (${failure.rejected.join(', ')}): ${response ?? detail}`;
  } else if (code === 'ESOCKET' || code === 'ETIMEDOUT' || code === 'EDNS' || code === 'ECONNECTION') {
    message = `sendReport: could not talk to ${where} (${originalCode ?? code}): ${detail}; check SHOPSTAT_SMTP_HOST, SHOPSTAT_SMTP_PORT and SHOPSTAT_SMTP_SECURE`;
  } else {
    message = `sendReport: sending through ${where} failed${code === null ? '' : ` (${code})`}: ${detail}`;
  }
  return new EmailError(message, {
    host: settings.host,
    port: settings.port,
    code,
    originalCode,
    responseCode: failure.responseCode ?? null,
    response,
    command: failure.command === undefined ? null : scrub(failure.command),
    rejected: failure.rejected ?? [],
  });
}

/** The text with runs of white space (OpenSSL ends its messages with a line break) as one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Removes the password from a text in the forms an SMTP exchange carries it: as is, base64 (AUTH
 * LOGIN) and base64 of `\0user\0password` (AUTH PLAIN, RFC 4616).
 */
function scrubber(settings: SmtpSettings): (text: string) => string {
  const { user, password } = settings;
  if (password === null) return (text) => text;
  const forms = [
    password,
    Buffer.from(password, 'utf8').toString('base64'),
    Buffer.from(`\0${user ?? ''}\0${password}`, 'utf8').toString('base64'),
    Buffer.from(`${user ?? ''}\0${user ?? ''}\0${password}`, 'utf8').toString('base64'),
  ];
  return (text) => forms.reduce((scrubbed, form) => scrubbed.split(form).join('[password removed]'), text);
}
