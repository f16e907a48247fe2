import { InvalidArgumentError } from '../../errors.ts';
import { lastSend, type SendRecord } from './send-records.ts';

/** Whether to e-mail the report, and why, in one plain sentence for the run's output. */
export interface EmailDecision {
  readonly send: boolean;
  readonly reason: string;
}

/**
 * decideSend: whether a run should e-mail the report (`--email-if-changed`).
 *
 * With `ifChanged` false the report is always sent. With `ifChanged` true it is sent when no
 * earlier send of `month` to the same recipients (as a set, see `lastSend`) is recorded, or
 * when the latest such send had a different fingerprint; otherwise it is not sent.
 *
 * @throws {InvalidArgumentError} when `month` is not `YYYY-MM`, `recipients` is empty or
 *   `currentFingerprint` is not 64 lower-case hex digits.
 * @example
 * decideSend([{ month: '2025-10', recipients: ['a@b.co'], fingerprint: f, sentAt: '2026-11-02T10:00:00Z', messageId: '<m1@b.co>' }],
 *   '2025-10', ['A@b.co'], f, true)
 * // { send: false, reason: 'the figures of 2025-10 are unchanged since they were sent on 2026-11-02T10:00:00Z (message <m1@b.co>)' }
 */
export function decideSend(
  records: readonly SendRecord[],
  month: string,
  recipients: readonly string[],
  currentFingerprint: string,
  ifChanged: boolean,
): EmailDecision {
  if (!/^[0-9]{4}-(?:0[1-9]|1[0-2])$/.test(month)) {
    throw new InvalidArgumentError(`decideSend: month must be YYYY-MM, got ${JSON.stringify(month)}`);
  }
  if (recipients.length === 0)
    throw new InvalidArgumentError('decideSend needs at least one recipient, got 0');
  if (!/^[0-9a-f]{64}$/.test(currentFingerprint)) {
    throw new InvalidArgumentError(
      `decideSend: the fingerprint must be 64 lower-case hex digits (from fingerprint()), got ${JSON.stringify(currentFingerprint)}`,
    );
  }
  if (!ifChanged) {
    return {
      send: true,
      reason: `the report of ${month} is sent on every run unless only changes are asked for`,
    };
  }
  const last = lastSend(records, month, recipients);
  if (last === null) {
    return { send: true, reason: `the figures of ${month} have not been sent to these recipients before` };
  }
  const when = `sent on ${last.sentAt} (message ${last.messageId})`;
  if (last.fingerprint !== currentFingerprint) {
    return { send: true, reason: `the figures of ${month} changed since they were ${when}` };
  }
  return { send: false, reason: `the figures of ${month} are unchanged since they were ${when}` };
}
