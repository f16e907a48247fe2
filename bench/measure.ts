/**
 * Measuring a child process for the benchmarks: wall time, peak RSS (GNU time's maximum RSS of the
 * child, or /proc VmHWM), CPU time, and the CPU time the rest of the machine used meanwhile, after
 * waiting for a quiet machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export interface Measured {
  readonly wallSeconds: number;
  /** Peak resident set size of the child, MiB; null when it could not be measured. */
  readonly peakRssMiB: number | null;
  readonly userSeconds: number | null;
  readonly systemSeconds: number | null;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderrTail: string;
  readonly rssMethod: 'gnu-time' | 'proc-vmhwm';
  /**
   * CPU seconds the rest of the machine used during the run (all CPUs' busy time from /proc/stat
   * minus the child's user + system time): other work that competed with the measurement.
   */
  readonly otherCpuSeconds: number | null;
  /** CPUs busy in the second before the run started (with --wait-quiet). */
  readonly busyCpusBefore: number | null;
}

/** Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq, steal), or null. */
function machineBusySeconds(): number | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ
  } catch {
    return null;
  }
}

/** The resident set of a process at one moment, ms after it started. */
export interface RssSample {
  readonly t: number;
  readonly kib: number;
}

/** VmRSS of the measured process: `pid` itself, or its child when `pid` is GNU time. */
function currentRssKiB(pid: number, viaTime: boolean): number | null {
  try {
    let target = pid;
    if (viaTime) {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
      if (children[0] === undefined || children[0] === '') return null;
      target = Number(children[0]);
    }
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${target}/status`, 'utf8'));
    return m?.[1] === undefined ? null : Number(m[1]);
  } catch {
    return null;
  }
}

/** How many CPUs other processes may keep busy while a run starts. */
const QUIET_CPUS = 0.15;
let waitQuietSeconds = 60;

/** Sets how long `measure` waits for a quiet machine before each run (0 = never wait). */
export function setWaitQuietSeconds(seconds: number): void {
  waitQuietSeconds = seconds;
}

/**
 * Waits until the machine is idle (under {@link QUIET_CPUS} busy over one second; this process is
 * idle meanwhile) or `waitQuietSeconds` have passed. Returns the CPUs busy in the last second.
 */
async function waitForQuiet(): Promise<number | null> {
  const deadline = performance.now() + waitQuietSeconds * 1000;
  let announced = false;
  for (;;) {
    const a = machineBusySeconds();
    await new Promise((r) => setTimeout(r, 1000));
    const b = machineBusySeconds();
    if (a === null || b === null) return null;
    const busy = round(b - a, 2);
    if (busy < QUIET_CPUS || performance.now() >= deadline) return busy;
    if (!announced)
      log(`    waiting up to ${waitQuietSeconds} s for other processes (${busy} CPUs busy) ...`);
    announced = true;
  }
}

/**
 * Runs a command to completion, measuring wall time in this process and peak RSS with GNU time
 * (`%M`, the child's maximum RSS) or, without it, by polling /proc/<pid>/status VmHWM.
 */
export async function measure(
  argv: readonly string[],
  onStderrLine?: (line: string, elapsedMs: number) => void,
  rssSamples?: RssSample[],
): Promise<Measured> {
  // The previous run's files (a warehouse of about 1 GB at 10M lines) are flushed first, so that
  // their writeback does not slow this run: without it the hand-written SQL, run right after the
  // pipeline, took 43.8-45.9 s instead of 39.7-40.5 s at 10M lines.
  spawnSync('sync');
  const busyCpusBefore = waitQuietSeconds > 0 ? await waitForQuiet() : null;
  const useTime = existsSync(TIME);
  const timeFile = join(os.tmpdir(), `shopstat-bench-time-${process.pid}-${Date.now()}.txt`);
  const [cmd, ...args] = useTime ? [TIME, '-f', '%e %M %U %S', '-o', timeFile, ...argv] : argv;
  if (cmd === undefined) throw new Error('measure: empty command');
  const busyBefore = machineBusySeconds();
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const errTail: string[] = [];
  let pending = '';
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => {
    const now = performance.now() - started;
    const parts = (pending + b.toString('utf8')).split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      onStderrLine?.(line, now);
      errTail.push(line);
      if (errTail.length > 40) errTail.shift();
    }
  });
  const sampler =
    rssSamples === undefined || child.pid === undefined
      ? null
      : setInterval(() => {
          const kib = currentRssKiB(child.pid as number, useTime);
          if (kib !== null) rssSamples.push({ t: performance.now() - started, kib });
        }, 200);
  let vmHwmKiB = 0;
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m?.[1] !== undefined) vmHwmKiB = Math.max(vmHwmKiB, Number(m[1]));
        } catch {
          // The process has exited.
        }
      }, 50);
  const exitCode = await new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code) => res(code ?? 1));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const busyAfter = machineBusySeconds();
  if (poll !== null) clearInterval(poll);
  if (sampler !== null) clearInterval(sampler);
  if (pending !== '') errTail.push(pending);
  let peakKiB: number | null = vmHwmKiB > 0 ? vmHwmKiB : null;
  let userSeconds: number | null = null;
  let systemSeconds: number | null = null;
  if (useTime && existsSync(timeFile)) {
    // GNU time writes "Command exited with non-zero status N" first when the command fails.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [, kib, user, sys] = last.split(' ').map(Number);
    if (kib !== undefined && Number.isFinite(kib)) peakKiB = kib;
    if (user !== undefined && Number.isFinite(user)) userSeconds = user;
    if (sys !== undefined && Number.isFinite(sys)) systemSeconds = sys;
    rmSync(timeFile, { force: true });
  }
  return {
    wallSeconds: round(wallSeconds, 2),
    peakRssMiB: peakKiB === null ? null : round(peakKiB / 1024, 0),
    userSeconds,
    systemSeconds,
    exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderrTail: errTail.join('\n'),
    rssMethod: useTime ? 'gnu-time' : 'proc-vmhwm',
    otherCpuSeconds:
      busyBefore === null || busyAfter === null || userSeconds === null || systemSeconds === null
        ? null
        : round(Math.max(0, busyAfter - busyBefore - userSeconds - systemSeconds), 1),
    busyCpusBefore,
  };
}
