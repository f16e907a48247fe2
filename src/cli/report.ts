import type { Command } from 'commander';
import { printable } from '../terminal-text.ts';
import type { CliState } from './commands.ts';
import { lockTimeoutOption, printResult, type ResourceFlags, warehouseOptions } from './options.ts';

interface ReportFlags extends ResourceFlags {
  warehouse: string;
  month?: string;
  out: string;
  email?: string;
  emailIfChanged?: boolean;
  includeCustomers?: boolean;
  json?: boolean;
}

/** `shopstat report`: the monthly business review as a workbook with pivot tables and an HTML page, optionally e-mailed. */
export function registerReport(program: Command, state: CliState): void {
  program
    .command('report')
    .description(
      'write the monthly business review: mbr-YYYY-MM.xlsx (sheets, charts, pivot tables), mbr-YYYY-MM.html (one self-contained page) and mbr-YYYY-MM.json; optionally e-mail them',
    )
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .option('--month <YYYY-MM>', 'the month to review (default: the last complete month in the warehouse)')
    .option('--out <dir>', 'output folder', 'reports')
    .option(
      '--email <addresses>',
      'e-mail the review to these comma-separated addresses (SMTP from SHOPSTAT_SMTP_*)',
    )
    .option(
      '--email-if-changed',
      'with --email: send only when the figures changed since the last send of this month',
    )
    .option(
      '--include-customers',
      'add the month’s customer-level rows (a data sheet and a pivot); left out by default',
    )
    .addOption(lockTimeoutOption('reader'))
    .option('--memory-limit <size>', 'DuckDB memory limit', '2GB')
    .option('--threads <n>', 'DuckDB threads', '2')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'E-mail settings come from the environment: SHOPSTAT_SMTP_HOST, SHOPSTAT_SMTP_PORT, SHOPSTAT_SMTP_SECURE,',
        'SHOPSTAT_SMTP_USER, SHOPSTAT_SMTP_PASSWORD (never printed), SHOPSTAT_SMTP_FROM.',
        'Exit codes: 0 ok; 1 the e-mail could not be sent (the files are written); 2 a bad option or month, a',
        'warehouse without gold, or bad e-mail settings (nothing written).',
      ].join('\n'),
    )
    .action(async (flags: ReportFlags) => {
      const { parseRecipients, smtpSettingsFromEnv } = await import('../reports/email/index.ts');
      const { InvalidArgumentError } = await import('../errors.ts');
      if (flags.emailIfChanged === true && flags.email === undefined) {
        throw new InvalidArgumentError('report: --email-if-changed needs --email');
      }
      // E-mail settings are checked before anything is written, so a typo costs nothing.
      const to = flags.email === undefined ? null : parseRecipients(flags.email);
      const settings = to === null ? null : smtpSettingsFromEnv(process.env);
      const { writeReport } = await import('../reports/write-report.ts');
      const written = await writeReport({
        warehouse: flags.warehouse,
        ...(flags.month === undefined ? {} : { month: flags.month }),
        outDir: flags.out,
        includeCustomers: flags.includeCustomers === true,
        warehouseOptions: warehouseOptions(flags),
      });
      const { model: _model, ...summary } = written;
      let email = null;
      if (to !== null && settings !== null) {
        const { emailReport } = await import('../reports/email-report.ts');
        try {
          email = await emailReport(written, {
            to,
            ifChanged: flags.emailIfChanged === true,
            outDir: flags.out,
            settings,
            includeCustomers: flags.includeCustomers === true,
          });
        } catch (error) {
          printResult(flags.json === true, summary, () => formatWritten(summary));
          process.stderr.write(
            `shopstat report: ${error instanceof Error ? error.message : String(error)}\nthe review's files are written; nothing was sent\n`,
          );
          state.code = 1;
          return;
        }
      }
      printResult(flags.json === true, { ...summary, email }, () =>
        [
          formatWritten(summary),
          ...(email === null
            ? []
            : [
                email.sent
                  ? `e-mailed to ${email.to.join(', ')} (${email.messageId})`
                  : `not e-mailed: ${email.reason}`,
              ]),
        ].join('\n'),
      );
    });
}

function formatWritten(r: {
  month: string;
  files: { xlsx: string; html: string; json: string };
  pivots: readonly string[];
  findings: readonly string[];
  omitted: readonly { section: string; reason: string }[];
  warnings: readonly { message: string }[];
}): string {
  return [
    `Monthly business review of ${r.month}:`,
    ...r.findings.map((f) => `  - ${printable(f)}`),
    ...r.omitted.map((o) => `  (${o.section} left out: ${printable(o.reason)})`),
    ...r.warnings.map((w) => `  warning: ${printable(w.message)}`),
    `workbook: ${printable(r.files.xlsx)} (${r.pivots.length} pivot tables)`,
    `report:   ${printable(r.files.html)}`,
    `data:     ${printable(r.files.json)}`,
  ].join('\n');
}
