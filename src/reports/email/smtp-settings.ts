import { isIP } from 'node:net';
import { InvalidArgumentError } from '../../errors.ts';
import { mailAddressProblem } from './address.ts';

/**
 * Where and how report e-mails are sent. `user` and `password` are both set (login) or both
 * `null` (no login). Holds the password: never log or serialise a whole `SmtpSettings`.
 */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** `true`: TLS from the first byte (usually port 465); `false`: plain, upgraded with STARTTLS when offered. */
  readonly secure: boolean;
  readonly user: string | null;
  readonly password: string | null;
  /** The bare sender address (`reports@shop.example`), also the envelope sender. */
  readonly from: string;
}

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/**
 * smtpSettingsFromEnv: the SMTP settings from the environment.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `SHOPSTAT_SMTP_HOST` | required; a host name or an IPv4/IPv6 address |
 * | `SHOPSTAT_SMTP_PORT` | 1-65535; default 465 when secure, else 587 |
 * | `SHOPSTAT_SMTP_SECURE` | `true`/`false`/`1`/`0` (any case); default `false` |
 * | `SHOPSTAT_SMTP_USER`, `SHOPSTAT_SMTP_PASSWORD` | both or neither |
 * | `SHOPSTAT_SMTP_FROM` | required; a bare `local@domain` address |
 *
 * A variable set to the empty string counts as not set. Values are used as given (not trimmed):
 * a stray space is an error, not a guess.
 *
 * @throws {InvalidArgumentError} naming the variable that is missing or malformed, with its
 *   value, except for `SHOPSTAT_SMTP_PASSWORD`, whose value is never shown.
 * @example
 * smtpSettingsFromEnv({ SHOPSTAT_SMTP_HOST: 'smtp.shop.example', SHOPSTAT_SMTP_FROM: 'mbr@shop.example' })
 * // { host: 'smtp.shop.example', port: 587, secure: false, user: null, password: null, from: 'mbr@shop.example' }
 */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv): SmtpSettings {
  const host = read(env, 'SHOPSTAT_SMTP_HOST');
  if (host === null) throw missing('SHOPSTAT_SMTP_HOST', 'the SMTP server, e.g. smtp.shop.example');
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    throw malformed('SHOPSTAT_SMTP_HOST', host, 'a host name or an IP address');
  }

  const secureText = read(env, 'SHOPSTAT_SMTP_SECURE');
  const secure = secureText === null ? false : parseFlag(secureText);

  const portText = read(env, 'SHOPSTAT_SMTP_PORT');
  const port = portText === null ? (secure ? 465 : 587) : parsePort(portText);

  const user = read(env, 'SHOPSTAT_SMTP_USER');
  const password = read(env, 'SHOPSTAT_SMTP_PASSWORD');
  if (user !== null && /[\r\n\0]/.test(user)) {
    throw malformed('SHOPSTAT_SMTP_USER', user, 'a user name without line breaks or NUL');
  }
  if (password !== null && /[\r\n\0]/.test(password)) {
    throw new InvalidArgumentError(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_PASSWORD contains a line break or NUL (value not shown)',
    );
  }
  if (user !== null && password === null) {
    throw missing('SHOPSTAT_SMTP_PASSWORD', `the password of SHOPSTAT_SMTP_USER ${JSON.stringify(user)}`);
  }
  if (user === null && password !== null) {
    throw missing('SHOPSTAT_SMTP_USER', 'the user name that goes with SHOPSTAT_SMTP_PASSWORD');
  }

  const from = read(env, 'SHOPSTAT_SMTP_FROM');
  if (from === null) throw missing('SHOPSTAT_SMTP_FROM', 'the sender address, e.g. reports@shop.example');
  const fromProblem = mailAddressProblem(from);
  if (fromProblem !== null) {
    throw new InvalidArgumentError(
      `smtpSettingsFromEnv: SHOPSTAT_SMTP_FROM ${JSON.stringify(from)} ${fromProblem}`,
    );
  }

  return { host, port, secure, user, password, from };

  function parseFlag(text: string): boolean {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    throw malformed('SHOPSTAT_SMTP_SECURE', text, "'true', 'false', '1' or '0'");
  }
}

function parsePort(text: string): number {
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535))
    throw malformed('SHOPSTAT_SMTP_PORT', text, 'a whole number from 1 to 65535');
  return port;
}

function read(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value === '' ? null : value;
}

function missing(name: string, what: string): InvalidArgumentError {
  return new InvalidArgumentError(`smtpSettingsFromEnv: ${name} is not set; set it to ${what}`);
}

function malformed(name: string, value: string, expected: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `smtpSettingsFromEnv: ${name} must be ${expected}, got ${JSON.stringify(value)}`,
  );
}
