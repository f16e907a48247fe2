import type { Command } from 'commander';
import { DEFAULT_MAX_REJECTED, type RejectThreshold } from '../../etl/ingest/load-batch.ts';
import type { EtlProgress, EtlResult } from '../../etl/runner.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import { MAX_THREADS } from './input-checks.ts';
import { lockTimeoutOption, printResult, type ResourceFlags, warehouseOptions } from './options.ts';

interface EtlFlags extends ResourceFlags {
  landing: string;
  warehouse: string;
  timeZone: string;
  reprocess: string[];
  mapping?: string;
  maxRejected?: string;
  followSymlinks?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** `shopstat etl`: landing CSVs → bronze / quarantine → silver → gold. */
export function registerEtl(program: Command, state: CliState): void {
  program
    .command('etl')
    .description('load new landing files into the warehouse and rebuild silver and gold')
    .requiredOption('--landing <dir>', 'folder of CSV exports')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (created if missing)')
    .option('--time-zone <zone>', 'reporting time zone (IANA name)', 'UTC')
    .option('--reprocess <glob...>', 'load these already-ingested files again, replacing their rows', [])
    .option(
      '--mapping <file>',
      'source mapping (YAML) for exports in another layout, e.g. etl/mappings/olist.yaml',
    )
    .option(
      '--max-rejected <share>',
      `reject a file whole when more than this share of its rows is rejected (0-1 or a percentage such as 10%), from ${DEFAULT_MAX_REJECTED.minRows} rows on`,
      `${DEFAULT_MAX_REJECTED.share * 100}%`,
    )
    .option(
      '--follow-symlinks',
      'read symlinks that point outside the landing folder (not followed by default)',
    )
    .option('--memory-limit <size>', 'DuckDB memory limit, at least 128MB (e.g. 512MB, 4GB)', '1GB')
    .option('--threads <n>', `DuckDB threads, 1 to ${MAX_THREADS}`, '2')
    .addOption(lockTimeoutOption('writer'))
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (flags: EtlFlags) => {
      const { runEtl } = await import('../../etl/runner.ts');
      const result = await runEtl({
        landing: flags.landing,
        warehouse: flags.warehouse,
        timeZone: flags.timeZone,
        reprocess: flags.reprocess,
        ...(flags.mapping === undefined ? {} : { mapping: flags.mapping }),
        ...(flags.maxRejected === undefined ? {} : { maxRejected: parseMaxRejected(flags.maxRejected) }),
        followSymlinks: flags.followSymlinks === true,
        warehouseOptions: warehouseOptions(flags),
        ...(flags.quiet ? {} : { onProgress: progressPrinter() }),
      });
      printResult(flags.json === true, result, () => formatEtlResult(result));
      state.code = result.exitCode;
    });
}

/**
 * Reads `--max-rejected`: a share from 0 to 1 (`0.1`) or a percentage from 0% to 100% (`10%`);
 * the minimum row count and the rows kept stay those of {@link DEFAULT_MAX_REJECTED}.
 *
 * @throws InvalidArgumentError naming the bad value.
 * @example parseMaxRejected('10%').share // 0.1
 */
export function parseMaxRejected(text: string): RejectThreshold {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  const share = m === null ? Number.NaN : Number(m[1]) / (m[2] === '%' ? 100 : 1);
  if (!(share >= 0 && share <= 1)) {
    throw new InvalidArgumentError(
      `etl: --max-rejected must be a share from 0 to 1 or a percentage from 0% to 100% (e.g. 0.1 or 10%), got ${JSON.stringify(text)}`,
    );
  }
  return { ...DEFAULT_MAX_REJECTED, share };
}

/** Progress lines on stderr: one per file and per model. */
export function progressPrinter(): (e: EtlProgress) => void {
  return (e) => {
    switch (e.kind) {
      case 'file':
        if (e.action !== 'skip')
          process.stderr.write(`[${e.index}/${e.total}] ${e.action} ${e.file} (${e.entity})\n`);
        break;
      case 'loaded':
        process.stderr.write(
          `      ${e.rowsRead.toLocaleString('en-US')} rows read, ${e.rowsRejected.toLocaleString('en-US')} quarantined, ${(e.ms / 1000).toFixed(1)} s\n`,
        );
        break;
      case 'layer':
        process.stderr.write(`      building ${e.model}\n`);
        break;
      case 'progress':
        process.stderr.write(`      ${String(e.percent).padStart(3)}% ${e.step}\n`);
        break;
      case 'warning':
        process.stderr.write(`warning: ${e.message}\n`);
        break;
    }
  };
}

/** The readable summary of a run. */
export function formatEtlResult(r: EtlResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [`run ${r.runId}: ${r.status} — ${r.message}`];
  const acted = r.files.filter((f) => f.action !== 'skip');
  const skipped = r.files.length - acted.length;
  for (const f of acted) {
    const reasons = Object.entries(f.rejectedByReason)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ');
    const what =
      f.action === 'load' || f.action === 'reprocess'
        ? `${n(f.rowsRead)} read, ${n(f.rowsAccepted)} accepted, ${n(f.rowsRejected)} quarantined${reasons ? ` (${reasons})` : ''}`
        : (f.detail ?? f.reason ?? '');
    // Details name their file first; the line already does.
    const text = what.startsWith(`${f.file}: `) ? what.slice(f.file.length + 2) : what;
    lines.push(`  ${f.action.padEnd(10)} ${f.file}: ${text}`);
  }
  if (skipped > 0) lines.push(`  ${skipped} file(s) already loaded and unchanged`);
  lines.push(
    `this run: ${n(r.rowsRead)} rows read, ${n(r.rowsAccepted)} accepted, ${n(r.rowsRejected)} quarantined; ${(r.durationMs / 1000).toFixed(1)} s`,
  );
  for (const w of r.warnings.filter((x) => x.code === 'missing_file')) lines.push(`  note: ${w.message}`);
  const failed = r.checks.filter((x) => !x.passed);
  // Checks count over the whole warehouse, every run's rows together.
  if (failed.length > 0) lines.push('checks over the whole warehouse (all runs):');
  for (const c of failed) {
    lines.push(
      `  ${c.severity === 'error' ? 'ERROR' : 'warn '} ${c.name}: ${n(c.failingRows)}${c.detail ? ` — ${c.detail}` : ''}`,
    );
  }
  return lines.join('\n');
}
