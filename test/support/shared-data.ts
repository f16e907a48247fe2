import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The public exports of `../shared/data` (Online Retail, Superstore, Olist), which live beside the
 * repository on the project's machines and are never copied into it. A fresh clone has no
 * `../shared`: tests that read these files put {@link NEEDS_SHARED_DATA} in the name of one
 * `describe.skipIf(!sharedDataPresent)` per file, so they are skipped with that one reason and
 * everything else runs.
 */
export const SHARED_DATA: string = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** Whether `../shared/data` is beside this clone. */
export const sharedDataPresent: boolean = existsSync(SHARED_DATA);

/** Why a suite is skipped in a clone without `../shared/data`. */
export const NEEDS_SHARED_DATA = 'needs ../shared/data (not beside this clone)';
