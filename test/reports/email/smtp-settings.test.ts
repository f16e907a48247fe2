import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import { smtpSettingsFromEnv } from '../../../src/reports/email/smtp-settings.ts';

const BASE = { SHOPSTAT_SMTP_HOST: 'smtp.shop.example', SHOPSTAT_SMTP_FROM: 'mbr@shop.example' };

function errorOf(env: NodeJS.ProcessEnv): InvalidArgumentError {
  try {
    smtpSettingsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('smtpSettingsFromEnv did not throw');
}

describe('smtpSettingsFromEnv', () => {
  it('needs only the host and the sender: port 587, plain with STARTTLS, no login', () => {
    expect(smtpSettingsFromEnv(BASE)).toEqual({
      host: 'smtp.shop.example',
      port: 587,
      secure: false,
      user: null,
      password: null,
      from: 'mbr@shop.example',
    });
  });

  it('reads every variable', () => {
    const settings = smtpSettingsFromEnv({
      ...BASE,
      SHOPSTAT_SMTP_PORT: '2525',
      SHOPSTAT_SMTP_SECURE: 'true',
      SHOPSTAT_SMTP_USER: 'mbr',
      SHOPSTAT_SMTP_PASSWORD: 'p@ss word',
    });
    expect(settings).toEqual({
      host: 'smtp.shop.example',
      port: 2525,
      secure: true,
      user: 'mbr',
      password: 'p@ss word',
      from: 'mbr@shop.example',
    });
  });

  it('defaults the port to 465 when secure', () => {
    expect(smtpSettingsFromEnv({ ...BASE, SHOPSTAT_SMTP_SECURE: '1' }).port).toBe(465);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
  ])('SHOPSTAT_SMTP_SECURE=%s reads as %s', (text, secure) => {
    expect(smtpSettingsFromEnv({ ...BASE, SHOPSTAT_SMTP_SECURE: text }).secure).toBe(secure);
  });

  it('accepts IPv4 and IPv6 addresses as the host', () => {
    expect(smtpSettingsFromEnv({ ...BASE, SHOPSTAT_SMTP_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(smtpSettingsFromEnv({ ...BASE, SHOPSTAT_SMTP_HOST: '::1' }).host).toBe('::1');
  });

  it('treats a variable set to the empty string as not set', () => {
    const settings = smtpSettingsFromEnv({
      ...BASE,
      SHOPSTAT_SMTP_PORT: '',
      SHOPSTAT_SMTP_SECURE: '',
      SHOPSTAT_SMTP_USER: '',
      SHOPSTAT_SMTP_PASSWORD: '',
    });
    expect(settings).toMatchObject({ port: 587, secure: false, user: null, password: null });
  });

  it('refuses a missing host or sender, naming the variable', () => {
    expect(errorOf({ SHOPSTAT_SMTP_FROM: 'mbr@shop.example' }).message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_HOST is not set; set it to the SMTP server, e.g. smtp.shop.example',
    );
    expect(errorOf({ SHOPSTAT_SMTP_HOST: 'smtp.shop.example' }).message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_FROM is not set; set it to the sender address, e.g. reports@shop.example',
    );
  });

  it.each([
    'smtp.shop.example:587',
    'smtp shop',
    'smtp.shop.example\r\n',
    '-smtp.example',
    'http://smtp.example',
  ])('refuses the host %j, quoting it', (host) => {
    expect(errorOf({ ...BASE, SHOPSTAT_SMTP_HOST: host }).message).toBe(
      `smtpSettingsFromEnv: SHOPSTAT_SMTP_HOST must be a host name or an IP address, got ${JSON.stringify(host)}`,
    );
  });

  it.each(['0', '65536', '58 7', ' 587', '587.0', '0x24b', '-1', 'smtp', '123456'])(
    'refuses the port %j',
    (port) => {
      expect(errorOf({ ...BASE, SHOPSTAT_SMTP_PORT: port }).message).toBe(
        `smtpSettingsFromEnv: SHOPSTAT_SMTP_PORT must be a whole number from 1 to 65535, got ${JSON.stringify(port)}`,
      );
    },
  );

  it.each(['yes', 'on', 'tls', ' true'])('refuses SHOPSTAT_SMTP_SECURE=%j', (secure) => {
    expect(errorOf({ ...BASE, SHOPSTAT_SMTP_SECURE: secure }).message).toBe(
      `smtpSettingsFromEnv: SHOPSTAT_SMTP_SECURE must be 'true', 'false', '1' or '0', got ${JSON.stringify(secure)}`,
    );
  });

  it('needs the user and the password together', () => {
    expect(errorOf({ ...BASE, SHOPSTAT_SMTP_USER: 'mbr' }).message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_PASSWORD is not set; set it to the password of SHOPSTAT_SMTP_USER "mbr"',
    );
    const error = errorOf({ ...BASE, SHOPSTAT_SMTP_PASSWORD: 'hunter2-secret' });
    expect(error.message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_USER is not set; set it to the user name that goes with SHOPSTAT_SMTP_PASSWORD',
    );
    expect(error.message).not.toContain('hunter2-secret');
  });

  it('refuses a user with a line break, quoting it', () => {
    expect(errorOf({ ...BASE, SHOPSTAT_SMTP_USER: 'mbr\r\nRCPT', SHOPSTAT_SMTP_PASSWORD: 'x' }).message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_USER must be a user name without line breaks or NUL, got "mbr\\r\\nRCPT"',
    );
  });

  it('refuses a password with a line break without showing it', () => {
    const error = errorOf({ ...BASE, SHOPSTAT_SMTP_USER: 'mbr', SHOPSTAT_SMTP_PASSWORD: 'hunter2\nsecret' });
    expect(error.message).toBe(
      'smtpSettingsFromEnv: SHOPSTAT_SMTP_PASSWORD contains a line break or NUL (value not shown)',
    );
    expect(error.message).not.toContain('hunter2');
    expect(error.stack).not.toContain('hunter2');
  });

  it.each([
    [
      'Shop MBR <mbr@shop.example>',
      'is not a bare local@domain address (no names, quotes or angle brackets)',
    ],
    ['mbr', 'needs exactly one @'],
    ['mbr@localhost', 'needs a domain with a dot after the @'],
    ['mbr@shop.example\r\nBcc: x@y.z', 'contains a line break'],
  ])('refuses the sender %j: %s', (from, problem) => {
    expect(errorOf({ ...BASE, SHOPSTAT_SMTP_FROM: from }).message).toBe(
      `smtpSettingsFromEnv: SHOPSTAT_SMTP_FROM ${JSON.stringify(from)} ${problem}`,
    );
  });

  it('ignores unrelated variables and returns plain JSON data', () => {
    const settings = smtpSettingsFromEnv({ ...BASE, PATH: '/usr/bin', SHOPSTAT_SMTP_EXTRA: 'x' });
    expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
  });
});
