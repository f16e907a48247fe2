import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's LibreOffice; the tests that need it skip with one line when it is missing. */
export const SOFFICE = '/usr/bin/soffice';
export const libreOfficeAvailable = existsSync(SOFFICE);

/** Debian's python with openpyxl 3.0.9 (`python3` on PATH is another interpreter). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Whether Debian's python can import `module` (synchronous, for `describe.skipIf`). */
export function debianPythonHas(module: string): boolean {
  if (!existsSync(DEBIAN_PYTHON)) return false;
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether Debian's python can import openpyxl. */
export function openpyxlAvailable(): boolean {
  return debianPythonHas('openpyxl');
}

export interface ConvertOptions {
  /** LibreOffice filter name after `--convert-to` (default `xlsx`; also `pdf`, `csv`). */
  readonly to?: string;
  /** Milliseconds before soffice is killed (default 120 000). */
  readonly timeoutMs?: number;
}

export interface ConvertResult {
  /** The converted file's bytes. */
  readonly bytes: Uint8Array;
  /** What soffice printed (it reports "convert ... -> ..." on stdout and problems on stderr). */
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Converts `input` (the bytes of `fileName`) with headless LibreOffice:
 * `soffice --headless --norestore -env:UserInstallation=file:///tmp/<unique> --convert-to <to>
 * --outdir <tmp> file`. Loading runs LibreOffice's own import, which recomputes pivot tables
 * whose cache has `refreshOnLoad`. A fresh profile per call lets calls run in parallel; every
 * temporary directory is removed in `finally`.
 * @throws when soffice fails, times out, or writes no output file
 */
export async function convertWithLibreOffice(
  input: Uint8Array,
  fileName: string,
  options: ConvertOptions = {},
): Promise<ConvertResult> {
  const to = options.to ?? 'xlsx';
  const work = mkdtempSync(join(tmpdir(), 'shopstat-lo-'));
  const profile = mkdtempSync(join(tmpdir(), 'shopstat-lo-profile-'));
  try {
    const source = join(work, basename(fileName));
    writeFileSync(source, input);
    const outDir = join(work, 'out');
    const { stdout, stderr } = await run(
      SOFFICE,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        to,
        '--outdir',
        outDir,
        source,
      ],
      { timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL' },
    );
    const extension = to.split(':')[0] ?? to;
    const output = join(outDir, basename(fileName).replace(/\.[^.]+$/, `.${extension}`));
    if (!existsSync(output))
      throw new Error(
        `convertWithLibreOffice: soffice wrote no ${output}\nstdout: ${stdout}\nstderr: ${stderr}`,
      );
    return { bytes: new Uint8Array(readFileSync(output)), stdout, stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Runs a python script with Debian's python (openpyxl 3.0.9), `args` after it, and returns its
 * stdout parsed as JSON.
 */
export async function runDebianPython(script: string, args: readonly string[]): Promise<unknown> {
  const { stdout } = await run(DEBIAN_PYTHON, [script, ...args], {
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
