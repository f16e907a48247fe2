import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Another process holding a warehouse file: opens it with DuckDB's own client (none of our code),
 * read-write or read-only, says `held` on stdout, keeps it `ms` milliseconds and exits 0.
 */
const HOLDER = `
import { DuckDBInstance } from '@duckdb/node-api';
const [path, mode, ms] = process.argv.slice(1);
const config = mode === 'read' ? { access_mode: 'READ_ONLY' } : {};
const instance = await DuckDBInstance.create(path, config);
const connection = await instance.connect();
if (mode === 'write') await connection.run('create table if not exists holder_was_here (x integer)');
process.stdout.write('held\\n');
await new Promise((r) => setTimeout(r, Number(ms)));
connection.closeSync();
instance.closeSync();
`;

/** A running holder process and the promise of its exit code. */
export interface LockHolder {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** Starts a holder and resolves once it holds the file. */
export async function holdLock(path: string, mode: 'read' | 'write', ms: number): Promise<LockHolder> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOLDER, path, mode, String(ms)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('held')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited ${code} before holding: ${stderr}`)));
  });
  return { child, exited };
}
