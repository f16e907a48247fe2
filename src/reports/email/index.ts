/**
 * E-mailing the monthly business review: SMTP settings from the environment, recipient lists,
 * the message body and its checks, sending over SMTP, and the send records behind
 * `--email-if-changed`.
 */

export type { EmailDecision } from './decide-send.ts';
export { decideSend } from './decide-send.ts';
export type { EmailErrorDetails } from './email-error.ts';
export { EmailError } from './email-error.ts';
export { canonicalJson, fingerprint } from './fingerprint.ts';
export { parseRecipients } from './recipients.ts';
export type { InlineImage, ReportAttachment, ReportEmail } from './report-email.ts';
export { checkReportEmail, MAX_HTML_BYTES } from './report-email.ts';
export type { SendRecord } from './send-records.ts';
export { lastSend, readSendRecords, recordSend, SEND_RECORD_FILE } from './send-records.ts';
export type { SendResult } from './send-report.ts';
export { sendReport } from './send-report.ts';
export type { SmtpSettings } from './smtp-settings.ts';
export { smtpSettingsFromEnv } from './smtp-settings.ts';
export type { EmailSummary } from './summary-bodies.ts';
export { SUMMARY_HTML_BUDGET_BYTES, summaryBodies } from './summary-bodies.ts';
