import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test server received it: the envelope and the raw bytes of the DATA stream. */
export interface ReceivedMessage {
  readonly mailFrom: string | null;
  readonly rcptTo: string[];
  readonly user: string | null;
  readonly raw: Buffer;
}

export interface TestSmtpServerOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials; without it, no AUTH is offered. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** A careless server that quotes the password it was given in its 535 reply. */
  readonly echoPassword?: boolean;
  /** Recipients refused at RCPT TO with 550. */
  readonly refuse?: (address: string) => boolean;
}

/** A real SMTP server (smtp-server, no TLS: STARTTLS disabled) on 127.0.0.1 and a random free port. */
export interface TestSmtpServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly messages: ReceivedMessage[];
  close(): Promise<void>;
}

export async function startSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const { credentials, refuse, echoPassword = false } = options;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: credentials === undefined,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (
        credentials !== undefined &&
        auth.username === credentials.user &&
        auth.password === credentials.password
      ) {
        callback(null, { user: auth.username });
      } else {
        const echoed = echoPassword ? ` (password ${auth.password ?? ''})` : '';
        callback(new Error(`5.7.8 Authentication credentials invalid${echoed}`));
      }
    },
    onRcptTo(address, _session, callback) {
      if (refuse?.(address.address)) {
        callback(
          Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }),
        );
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          mailFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound to find a free one, then closed. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
