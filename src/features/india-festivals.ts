/**
 * Indian festival dates that `date-holidays` 3.37 does not know (it lists 6 national holidays for
 * India): Diwali (Deepavali), Holi, Id-ul-Fitr (Eid al-Fitr) and Dussehra (Vijaya Dashami), each
 * as gazetted by the Government of India for its administrative offices in Delhi/New Delhi
 * (Annexure-I of the DoPT office memorandum "Holidays to be observed in Central Government
 * Offices during the year YYYY", Ministry of Personnel, Public Grievances and Pensions).
 *
 * Every date below was read from the source cited for its year; the copies found are secondary
 * reproductions of the memorandum (staff news sites, newspapers), named with their address.
 * Nothing is computed or filled from memory: a festival and year without a source is absent.
 * Id-ul-Fitr depends on the sighting of the moon; the memoranda state that its date may be
 * changed later, so the gazetted date is kept and marked `provisional` when no later change was
 * found (all years here: no change notice for Id-ul-Fitr was located).
 */

/** The festivals of the table. */
export type IndiaFestival = 'diwali' | 'holi' | 'eid_al_fitr' | 'dussehra';

/** One gazetted festival date with its source. */
export interface IndiaFestivalDate {
  readonly festival: IndiaFestival;
  /** The name as gazetted, with the common English name. */
  readonly name: string;
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string;
  /** Index into {@link INDIA_FESTIVAL_SOURCES}. */
  readonly source: number;
  /** True when the date depends on the moon and no confirming notice was found. */
  readonly provisional: boolean;
}

/** A cited source: the memorandum, and where its list was read. */
export interface IndiaFestivalSource {
  readonly year: number;
  readonly memorandum: string;
  readonly url: string;
  readonly note?: string;
}

const om = (year: number, ref: string): string =>
  `DoPT O.M. ${ref}, "Holidays to be observed in Central Government Offices during the year ${year}", Annexure-I (Delhi/New Delhi)`;

/** The sources, one or more per year (read via the stored-pages search, November 2026). */
export const INDIA_FESTIVAL_SOURCES: readonly IndiaFestivalSource[] = [
  {
    year: 2015,
    memorandum: om(2015, 'F.No.12/5/2014-JCA-2 dated 6 June 2014'),
    url: 'https://holidaystracker.com/calendar/india-public-holidays-2015',
  },
  {
    year: 2016,
    memorandum: om(2016, 'F.No.12/7/2015-JCA-2 dated 11 June 2015'),
    url: 'https://postalemployeesportal.blogspot.com/2015/10/dopt-released-list-of-holidays-in-2016.html',
  },
  {
    year: 2017,
    memorandum: om(2017, '(2016; number not shown in the copy found)'),
    url: 'https://www.bankingschool.co.in/knowledge-capsule/2017-public-holidays-list-for-central-government-offices-post-offices/',
    note: 'Chart A (14 compulsory holidays) only: Holi is not in it (Holi 2017 has its own source below)',
  },
  {
    year: 2017,
    memorandum:
      'Holidays for the calendar year 2017 of the Centre for Studies in Social Sciences, Calcutta: "Holi/Doljatra 13th March Monday" (an institution\'s list, not the DoPT memorandum, whose Annexure-I was not found)',
    url: 'http://cssscal.org/holidays.php',
    note: 'the same date in an office holiday list for 2016-17 (https://docs.google.com/spreadsheets/d/1kUsl4JAFpNDB5KejzH70ZmOJn3sXFNHNF2_g-g30XEk/pubhtml, "13 March Monday Holi")',
  },
  {
    year: 2018,
    memorandum: om(2018, 'No. 12/03/2017-JCA-2 dated 14 June 2017'),
    url: 'https://7thpaycommissionnews.in/holidays-for-central-government-offices-2018',
  },
  {
    year: 2019,
    memorandum: om(2019, 'No. 12/2/2018-JCA-2 dated 11 July 2018'),
    url: 'https://www.oneindia.com/india/holiday-list-2019-for-central-government-employees-2800859.html',
    note: "also Department of Posts' copy (7thpaycommissionnews.com, 06/11/2018), whose Diwali row has a typo (October-08, Kartika 05, Sunday); 27 October (Sunday) is the date of the other copies",
  },
  {
    year: 2020,
    memorandum: om(2020, 'F.No.12/1/2019-JCA-2 dated 18 June 2019'),
    url: 'https://govtempdiary.com/delhi-holidays-list-2020',
    note: 'Dussehra 25 October 2020 confirmed by DoPT O.M. F.No.12/1/2019-JCA2 dated 20 December 2019 (https://gservants.com/2019/12/22/closed-holidays-2020-cannot-be-changed-dopt-clarification/23841/)',
  },
  {
    year: 2021,
    memorandum: om(2021, 'F.No.12/9/2020-JCA-2 dated 10 June 2020'),
    url: 'https://staffnews.in/2020/06/list-of-17-closed-gazatted-holidays-during-the-year-2021-for-central-govt-offices-located-at-delhi-new-delhi.html',
  },
  {
    year: 2022,
    memorandum: om(2022, 'F.No.12/5/2021-JCA-2 dated 8 June 2021'),
    url: 'https://www.igecorner.com/holiday-list-2022-for-central-government-employees/',
  },
  {
    year: 2023,
    memorandum: om(2023, 'F.No.12/5/2022-JCA dated 16 June 2022'),
    url: 'https://hrinformative.com/central-government-holidays-list-2023/',
  },
  {
    year: 2024,
    memorandum: om(2024, 'dated 3 July 2023'),
    url: 'https://7thpaycommissionnews.in/government-holiday-list-2024-in-india-2',
    note: 'memorandum date from https://www.pratidintime.com/national/central-government-holiday-list-2024-notification (whose Diwali sentence repeats the 2023 date and was not used)',
  },
  {
    year: 2025,
    memorandum: om(2025, '(2024; number and date not shown in the copies found)'),
    url: 'https://cgstaffportal.in/2024/07/central-government-gazetted-holidays-in-2025/',
    note: 'Dussehra and Diwali read from https://www.sakshipost.com/news/national/2025-gazetted-holidays-full-list-here-351036 (the first copy is cut off before October)',
  },
  {
    year: 2026,
    memorandum: om(2026, 'dated 3 July 2025'),
    url: 'https://www.sakshipost.com/news/national/central-government-holidays-2026-full-list-national-and-festival-holidays-426604',
    note: 'memorandum date from https://employeesjunction.blogspot.com/2025_12_21_archive.html',
  },
];

const NAMES: Readonly<Record<IndiaFestival, string>> = {
  diwali: 'Diwali (Deepavali)',
  holi: 'Holi',
  eid_al_fitr: 'Id-ul-Fitr (Eid al-Fitr)',
  dussehra: 'Dussehra (Vijaya Dashami)',
};

// year: [holi, eid_al_fitr, dussehra, diwali]; null = not sourced.
const GAZETTED: Readonly<Record<number, readonly (string | null)[]>> = {
  2015: ['2015-03-06', '2015-07-18', '2015-10-22', '2015-11-11'],
  2016: ['2016-03-24', '2016-07-06', '2016-10-11', '2016-10-30'],
  2017: ['2017-03-13', '2017-06-26', '2017-09-30', '2017-10-19'],
  2018: ['2018-03-02', '2018-06-16', '2018-10-19', '2018-11-07'],
  2019: ['2019-03-21', '2019-06-05', '2019-10-08', '2019-10-27'],
  2020: ['2020-03-10', '2020-05-25', '2020-10-25', '2020-11-14'],
  2021: ['2021-03-29', '2021-05-14', '2021-10-15', '2021-11-04'],
  2022: ['2022-03-18', '2022-05-03', '2022-10-05', '2022-10-24'],
  2023: ['2023-03-08', '2023-04-22', '2023-10-24', '2023-11-12'],
  2024: ['2024-03-25', '2024-04-11', '2024-10-12', '2024-10-31'],
  2025: ['2025-03-14', '2025-03-31', '2025-10-02', '2025-10-20'],
  2026: ['2026-03-04', '2026-03-21', '2026-10-20', '2026-11-08'],
};

const ORDER: readonly IndiaFestival[] = ['holi', 'eid_al_fitr', 'dussehra', 'diwali'];

/** A festival read from another source than its year's first one, by that source's address. */
const SOURCE_OF: Readonly<Record<string, string>> = {
  '2017-holi': 'http://cssscal.org/holidays.php',
};

/** Every sourced festival date, in date order. */
export const INDIA_FESTIVALS: readonly IndiaFestivalDate[] = Object.entries(GAZETTED)
  .flatMap(([year, dates]) =>
    ORDER.flatMap((festival, i) => {
      const date = dates[i];
      if (date === null || date === undefined) return [];
      const override = SOURCE_OF[`${year}-${festival}`];
      const source =
        override === undefined
          ? INDIA_FESTIVAL_SOURCES.findIndex((s) => s.year === Number(year))
          : INDIA_FESTIVAL_SOURCES.findIndex((s) => s.url === override);
      return [{ festival, name: NAMES[festival], date, source, provisional: festival === 'eid_al_fitr' }];
    }),
  )
  .sort((a, b) => a.date.localeCompare(b.date));

/**
 * The years where all four festivals are sourced: only there is the table complete, so only
 * there are Indian holiday and Diwali-sale features computed (elsewhere they are null with a
 * warning). Years before 2015 and after 2026 are missing.
 *
 * @example indiaFestivalYears().includes(2024) // true
 */
export function indiaFestivalYears(): number[] {
  return Object.entries(GAZETTED)
    .filter(([, dates]) => dates.every((d) => d !== null))
    .map(([year]) => Number(year));
}

/** The sourced dates of one festival in one year, or null when not sourced. */
export function indiaFestivalDate(festival: IndiaFestival, year: number): IndiaFestivalDate | null {
  return INDIA_FESTIVALS.find((f) => f.festival === festival && f.date.startsWith(`${year}-`)) ?? null;
}
