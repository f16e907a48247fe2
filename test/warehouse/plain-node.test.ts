import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The package as another program uses it: `import ... from 'shopstat'` resolves through
 * package.json `exports` to the JavaScript and declarations that `npm run build` writes to `dist/`
 * (run by `npm install` / `npm ci` through `prepare`, and by `npm test` before the tests).
 */
const ROOT = join(import.meta.dirname, '../..');
const BUILD_HINT = 'dist/ is missing or stale: run `npm run build` (npm install, npm ci and npm test run it)';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-plain-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Node with no loader: no tsx, nothing from vitest's environment. */
function plainNode(cwd: string, script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env, encoding: 'utf8' });
}

describe('the package from plain node', () => {
  it('imports the package entry without tsx, loads a landing folder and reads the warehouse read-only', () => {
    const script = `
      import { decimalToNumber, generateDemo, runEtl, withWarehouse } from 'shopstat';
      const [landing, warehouse] = [${JSON.stringify(join(dir, 'landing'))}, ${JSON.stringify(join(dir, 'shop.duckdb'))}];
      await generateDemo({ outDir: landing, orders: 40, seed: 7, defects: false });
      const run = await runEtl({ landing, warehouse });
      const result = await withWarehouse(warehouse, { readOnly: true }, (wh) =>
        wh.query('select count(*) as orders, sum(revenue) as revenue from silver.fact_orders'));
      const revenue = decimalToNumber(result.rows[0].revenue);
      process.stdout.write(JSON.stringify({ status: run.status, columns: result.columns, orders: result.rows[0].orders, revenue }));
    `;
    const r = plainNode(ROOT, script);
    expect(r.stderr, BUILD_HINT).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      status: 'ok',
      columns: [
        { name: 'orders', type: 'BIGINT' },
        { name: 'revenue', type: 'DECIMAL(38,4)' },
      ],
      orders: 40, // generateDemo's orders option
    });
    expect(out.revenue).toBeGreaterThan(0);
  });

  it('its type declarations type-check a consumer project (and catch its type errors)', () => {
    const project = join(dir, 'consumer');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(project, 'node_modules', 'shopstat'));
    symlinkSync(join(ROOT, 'node_modules', '@types'), join(project, 'node_modules', '@types'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(
      join(project, 'main.ts'),
      [
        "import { decimalToNumber, type QueryResult, type SqlQuery, withWarehouse } from 'shopstat';",
        "const q: SqlQuery = { sql: 'select $x as x', params: { x: 1 } };",
        "const r: QueryResult = await withWarehouse(':memory:', {}, (wh) => wh.query(q));",
        "const wrong: string = decimalToNumber('1.5');",
        'console.log(r, wrong);',
        '',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: project,
      encoding: 'utf8',
    });
    // Exactly the one planted error: everything else resolved and type-checked.
    expect(tsc.stdout.trim(), BUILD_HINT).toBe(
      "main.ts(4,7): error TS2322: Type 'number' is not assignable to type 'string'.",
    );
  });
});
