import { describe, expect, it } from 'vitest';
import { profileTable } from '../../src/eda/profile-table.ts';
import { useWarehouse } from './support.ts';

describe('duplicate rows', () => {
  const db = useWarehouse();

  it('a key column makes every row distinct; without it the repeated rows count', async () => {
    // (a, b) repeats: rows 1 and 2 are equal, rows 3, 4 and 5 too: 5 rows, 2 distinct, 3 duplicates.
    await db.wh.run(`create table t as select * from (values
      (1, 'x', 2.5), (2, 'x', 2.5), (3, null, null), (4, null, null), (5, null, null)) v(id, a, b)`);
    expect((await profileTable(db.wh, 't')).table.duplicateRows).toBe(0);
    expect((await profileTable(db.wh, 't', { columns: ['a', 'b'] })).table.duplicateRows).toBe(3);
  });
});
