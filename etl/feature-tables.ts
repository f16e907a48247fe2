import type { Warehouse } from '../src/warehouse/index.ts';

/**
 * Rebuilds the feature tables recorded by `shopstat features --into` (`meta.feature_tables`) after
 * a load that rebuilt gold, so they follow the data. A table that cannot be rebuilt (its source
 * table or a column is gone) keeps its last contents and is reported as a warning; the load
 * itself stands.
 */
export async function rebuildFeatureTables(wh: Warehouse): Promise<{ code: string; message: string }[]> {
  const exists = await wh.scalar(
    "select count(*) from information_schema.tables where table_catalog = current_database() and table_schema = 'meta' and table_name = 'feature_tables'",
  );
  if (Number(exists) === 0) return [];
  const rows = await wh.all<{ name: string; definition: string }>(
    'select name, definition from meta.feature_tables order by name',
  );
  if (rows.length === 0) return [];
  const { addFeaturesInto } = await import('../src/features/add-features.ts');
  const warnings: { code: string; message: string }[] = [];
  for (const r of rows) {
    try {
      await addFeaturesInto(wh, JSON.parse(r.definition), r.name);
    } catch (error) {
      warnings.push({
        code: 'feature_table_not_rebuilt',
        message: `features table ${r.name} was not rebuilt and keeps its last contents: ${(error as Error).message}`,
      });
    }
  }
  return warnings;
}
