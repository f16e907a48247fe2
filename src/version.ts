import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The version in the package's `package.json` (read once): beside `src/` when run from source,
 * two levels up when run from the build in `dist/src/`.
 */
export function packageVersion(): string {
  if (cached === undefined) {
    const candidates = [
      new URL('../package.json', import.meta.url),
      new URL('../../package.json', import.meta.url),
    ];
    const file = candidates.find((u) => existsSync(u)) ?? candidates[0];
    cached = String((JSON.parse(readFileSync(file as URL, 'utf8')) as { version?: unknown }).version);
  }
  return cached;
}
