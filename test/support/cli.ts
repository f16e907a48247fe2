import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The `shopstat` command as users run it. */
export const SHOPSTAT_BIN = join(import.meta.dirname, '../../bin/shopstat.js');

/** Runs `shopstat ARGS...` in a child process (TZ=UTC) and returns its exit code and output. */
export function shopstat(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SHOPSTAT_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
