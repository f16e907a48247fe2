import { ShopstatError } from '../../errors.ts';

/** What the SMTP exchange said when sending failed; every field is `null` when the failure carried none. */
export interface EmailErrorDetails {
  /** The server's host name or address, as configured. */
  readonly host: string;
  readonly port: number;
  /** Nodemailer's error code (`EAUTH`, `ESOCKET`, `ETIMEDOUT`, `EENVELOPE`, ...). */
  readonly code: string | null;
  /** The system's code under it, e.g. `ECONNREFUSED` under `ESOCKET`. */
  readonly originalCode: string | null;
  /** The SMTP reply code, e.g. 535 for a refused login. */
  readonly responseCode: number | null;
  /** The server's reply line, e.g. `535 5.7.8 Authentication failed`. */
  readonly response: string | null;
  /** The SMTP command in flight (`CONN`, `AUTH PLAIN`, `RCPT TO`, ...), never its arguments. */
  readonly command: string | null;
  /** Recipients the server refused, when it refused all of them. */
  readonly rejected: readonly string[];
}

/**
 * Sending a report e-mail failed (connection, login, envelope or message refused). Exit code 1.
 *
 * The message starts `sendReport:` and names the server as `host:port`; the fields repeat what
 * the server said. The SMTP password never appears in the message, the stack or the fields,
 * and the library error underneath is deliberately not kept as `cause` because it may hold
 * the credentials.
 */
export class EmailError extends ShopstatError {
  override readonly name: string = 'EmailError';
  readonly host: string;
  readonly port: number;
  readonly code: string | null;
  readonly originalCode: string | null;
  readonly responseCode: number | null;
  readonly response: string | null;
  readonly command: string | null;
  readonly rejected: readonly string[];

  constructor(message: string, details: EmailErrorDetails) {
    super(message);
    this.host = details.host;
    this.port = details.port;
    this.code = details.code;
    this.originalCode = details.originalCode;
    this.responseCode = details.responseCode;
    this.response = details.response;
    this.command = details.command;
    this.rejected = details.rejected;
  }
}
