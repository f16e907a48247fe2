import { describe, expect, it } from 'vitest';
import { formatProfile } from '../../src/eda/format-profile.ts';
import { profileTable } from '../../src/eda/profile-table.ts';
import { useWarehouse } from './support.ts';

const db = useWarehouse();

describe('formatProfile', () => {
  it('renders a fixed table the same way every time (snapshot)', async () => {
    await db.wh.run(`create table t (amount decimal(18,2), channel varchar, day date);
      insert into t values (10, 'web', '2025-01-01'), (20, 'web', '2025-01-02'), (30, 'app', '2025-01-04'),
        (40, 'web', '2025-01-05'), (null, null, '2025-01-05')`);
    expect(formatProfile(await profileTable(db.wh, 't'))).toMatchSnapshot();
  });

  it('shows names and values from the data with control characters escaped', async () => {
    await db.wh.run(`create table "bad\u001b[31m" ("col\u202e" varchar);
      insert into "bad\u001b[31m" values ('a\u001b[2Jb'), ('x')`);
    const text = formatProfile(await profileTable(db.wh, 'bad\u001b[31m'));
    expect(text.includes('\u001b')).toBe(false);
    expect(text.includes('\u202e')).toBe(false);
    expect(text).toContain('bad\\u001b[31m');
    expect(text).toContain('col\\u202e');
  });
});
