/**
 * E-mails a written review: a short summary body (findings and headline figures, HTML with a
 * plain-text alternative, under 100 KB) with the workbook and the HTML report attached. With
 * `ifChanged`, it sends only when the figures differ from the last send of that month to those
 * recipients, per the record kept in the output folder (so the warehouse needs no write access).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  decideSend,
  fingerprint,
  readSendRecords,
  recordSend,
  type SmtpSettings,
  sendReport,
  summaryBodies,
} from './email/index.ts';
import { kpiViews } from './html/headline-view.ts';
import type { HeadlineSection, ReportModel } from './model.ts';
import type { WriteReportResult } from './write-report.ts';

export interface EmailReportOptions {
  readonly to: readonly string[];
  readonly ifChanged: boolean;
  readonly outDir: string;
  readonly settings: SmtpSettings;
  readonly includeCustomers: boolean;
}

export interface EmailReportResult {
  readonly kind: 'report-email';
  readonly sent: boolean;
  readonly reason: string;
  readonly to: readonly string[];
  readonly messageId: string | null;
  readonly fingerprint: string;
}

/** What identifies the review's figures: the inputs and every section, not the generation time. */
export function reportFingerprint(model: ReportModel, includeCustomers: boolean): string {
  return fingerprint({
    month: model.month,
    inputs: model.manifest.inputFiles,
    sections: model.sections,
    includeCustomers,
  });
}

/** The headline figures as the HTML page shows them (`kpiViews`), with the change vs last month. */
function kpiLines(model: ReportModel): { label: string; value: string; change: string | null }[] {
  const headline = model.sections.find(
    (s): s is HeadlineSection => s.id === 'headline' && s.status === 'present',
  );
  if (headline === undefined) return [];
  return kpiViews(headline, model).map((k) => {
    const month = k.deltas[0];
    return {
      label: k.label,
      value: k.value,
      change: month === undefined || month.direction === 'none' ? null : `${month.text} ${month.against}`,
    };
  });
}

/** Sends (or, with `ifChanged` and unchanged figures, skips) the review e-mail. */
export async function emailReport(
  written: WriteReportResult,
  options: EmailReportOptions,
): Promise<EmailReportResult> {
  const { model } = written;
  const print = reportFingerprint(model, options.includeCustomers);
  const records = readSendRecords(options.outDir);
  const decision = decideSend(records, model.month, options.to, print, options.ifChanged);
  if (!decision.send) {
    return {
      kind: 'report-email',
      sent: false,
      reason: decision.reason,
      to: options.to,
      messageId: null,
      fingerprint: print,
    };
  }
  const bodies = summaryBodies({
    title: model.title,
    month: model.monthLabel,
    findings: model.findings.slice(0, 8).map((f) => ({ headline: f.headline, detail: f.detail })),
    kpis: kpiLines(model),
    footer: `Made by shopstat ${model.manifest.shopstatVersion} on ${model.manifest.generatedAt} from ${model.manifest.inputFiles.length} input files; the workbook and the full report are attached.`,
  });
  const result = await sendReport(options.settings, {
    to: options.to,
    subject: model.title,
    html: bodies.html,
    text: bodies.text,
    attachments: [
      {
        filename: basename(written.files.xlsx),
        content: readFileSync(written.files.xlsx),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      {
        filename: basename(written.files.html),
        content: readFileSync(written.files.html),
        contentType: 'text/html',
      },
    ],
  });
  recordSend(options.outDir, {
    month: model.month,
    recipients: [...options.to],
    fingerprint: print,
    sentAt: new Date().toISOString(),
    messageId: result.messageId,
  });
  return {
    kind: 'report-email',
    sent: true,
    reason: decision.reason,
    to: result.accepted,
    messageId: result.messageId,
    fingerprint: print,
  };
}
