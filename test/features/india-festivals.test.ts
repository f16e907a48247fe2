import { describe, expect, it } from 'vitest';
import {
  INDIA_FESTIVAL_SOURCES,
  INDIA_FESTIVALS,
  indiaFestivalDate,
  indiaFestivalYears,
} from '../../src/features/india-festivals.ts';

describe('india festival table', () => {
  // Expected values: the DoPT Annexure-I lists cited in INDIA_FESTIVAL_SOURCES (e.g. 2023: O.M.
  // F.No.12/5/2022-JCA of 16 June 2022 as reproduced at hrinformative.com).
  it('holds the gazetted 2023 dates', () => {
    expect(indiaFestivalDate('holi', 2023)?.date).toBe('2023-03-08');
    expect(indiaFestivalDate('eid_al_fitr', 2023)?.date).toBe('2023-04-22');
    expect(indiaFestivalDate('dussehra', 2023)?.date).toBe('2023-10-24');
    expect(indiaFestivalDate('diwali', 2023)?.date).toBe('2023-11-12');
  });

  it('gives every date a source of its own year', () => {
    for (const f of INDIA_FESTIVALS) {
      expect(INDIA_FESTIVAL_SOURCES[f.source]?.year).toBe(Number(f.date.slice(0, 4)));
    }
  });

  it('marks Id-ul-Fitr provisional, the others not', () => {
    expect(INDIA_FESTIVALS.filter((f) => f.provisional).every((f) => f.festival === 'eid_al_fitr')).toBe(
      true,
    );
    expect(INDIA_FESTIVALS.some((f) => f.festival === 'eid_al_fitr' && !f.provisional)).toBe(false);
  });

  it('covers only years with all four festivals sourced', () => {
    expect(indiaFestivalYears()).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(indiaFestivalDate('diwali', 2014)).toBeNull();
    expect(indiaFestivalDate('diwali', 2027)).toBeNull();
  });

  it('reads Holi 2017 from its own source, the other 2017 festivals from the year’s', () => {
    const holi = indiaFestivalDate('holi', 2017);
    expect(holi?.date).toBe('2017-03-13');
    expect(INDIA_FESTIVAL_SOURCES[holi?.source ?? -1]?.url).toBe('http://cssscal.org/holidays.php');
    const diwali = indiaFestivalDate('diwali', 2017);
    expect(INDIA_FESTIVAL_SOURCES[diwali?.source ?? -1]?.url).toContain('bankingschool.co.in');
  });

  it('keeps every festival in its season (a guard against typing errors)', () => {
    const months: Record<string, number[]> = {
      holi: [3],
      eid_al_fitr: [3, 4, 5, 6, 7],
      dussehra: [9, 10],
      diwali: [10, 11],
    };
    for (const f of INDIA_FESTIVALS) expect(months[f.festival]).toContain(Number(f.date.slice(5, 7)));
  });
});
