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
 *
 * 2015-2026 are gazetted. For 2027-2030 no memorandum was found (the 2027 one, issued in 2026,
 * is not in the copies searched; 2028-2030 are not issued yet), so those dates are projections
 * ({@link IndiaFestivalSource.projection}), each `provisional`: an almanac page's date, quoted from
 * the page, or for Holi where the pages disagree with each other or with the rule, the date the
 * almanac rule gives. The rules for Holi (Holika Dahan by the Dharmasindhu pradosh and
 * three-and-a-half-yama rule) and Diwali (Amavasya at sunset) are computed for New Delhi by
 * `test/features/reference/festival_rules.py` (PyEphem): they give the gazetted date in every year
 * 2015-2026 (24 of 24, tested), and every 2027-2030 Holi and Diwali date here is the rule's. Each
 * source's note says how its page's earlier years compare with the gazette.
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
  /**
   * True when the date depends on the moon and no confirming notice was found (Id-ul-Fitr), or
   * when it is a projection rather than a gazetted date (2027-2030).
   */
  readonly provisional: boolean;
}

/** A cited source: the memorandum (or the list or calendar read instead), and where it was read. */
export interface IndiaFestivalSource {
  readonly year: number;
  readonly memorandum: string;
  /** Where the date was read: a page's address, or for a computed date the script's path here. */
  readonly url: string;
  readonly note?: string;
  /** The one festival this source is cited for; absent when it gives the year's four. */
  readonly festival?: IndiaFestival;
  /**
   * True for a projection (a public calendar page's date or the almanac rule's), not a
   * government holiday list: its dates are `provisional` and may differ from the memorandum
   * issued later.
   */
  readonly projection?: true;
}

const om = (year: number, ref: string): string =>
  `DoPT O.M. ${ref}, "Holidays to be observed in Central Government Offices during the year ${year}", Annexure-I (Delhi/New Delhi)`;

/**
 * An almanac page's row for one festival and year (2027-2030). `row` is the text read, quoted in
 * the memorandum field; `note` says how the page's earlier years compare with the gazette.
 */
const almanac = (
  year: number,
  festival: IndiaFestival,
  row: string,
  url: string,
  note: string,
): IndiaFestivalSource => ({
  year,
  festival,
  memorandum: `Almanac projection, not a government holiday list: "${row}"`,
  url,
  note,
  projection: true,
});

const RULES_SCRIPT = 'test/features/reference/festival_rules.py';
const RULES_CHECK =
  'the script gives the gazetted Holi and Diwali of every year 2015-2026 (test/features/india-festivals.test.ts)';

/**
 * A Holi date computed by the almanac rule (2027-2030), where the almanac pages disagree with it
 * or with each other. `computed` states the tithi and sun times the rule read; `note` what the
 * pages give.
 */
const ruleHoli = (year: number, computed: string, note: string): IndiaFestivalSource => ({
  year,
  festival: 'holi',
  memorandum: `Holi ${year} by the almanac rule computed for New Delhi, not a government holiday list: ${computed}`,
  url: RULES_SCRIPT,
  note: `${note}; ${RULES_CHECK}`,
  projection: true,
});

const CALENDARZ_HOLI = 'https://www.calendarz.com/when-is/hindu-holidays/holi/2028';
const CALENDARZ_HOLI_NOTE = `calendarz.com table "Dates for Holi from 2015 to 2030" ("Data provided 'as is' without warranty"); for 2015-2026 it gives the gazetted date in 8 years and one day earlier in 4 (2016, 2017, 2021, 2023). The almanac rule (${RULES_SCRIPT}) gives the same date`;
const CALENDARZ_DUSSEHRA = 'https://www.calendarz.com/when-is/hindu-holidays/dussehra/2030';
const CALENDARZ_DUSSEHRA_NOTE =
  'calendarz.com table "Dates for Dussehra from 2015 to 2030" ("Data provided \'as is\' without warranty"); for 2015-2026 it gives the gazetted date in all 12 years';
const HOLIDAYSPOT_DIWALI = 'https://www.theholidayspot.com/diwali/calendar.htm';
const HOLIDAYSPOT_DIWALI_NOTE = `theholidayspot.com "Diwali Calender Year Wise Dates 2022 to 2040"; for 2022-2026 it gives the gazetted date in 3 years and one day later in 2 (2024, 2025). The same 2027-2030 dates are in https://festivalforu.blogspot.com/2016/03/diwali-festival-date-calendar-from-year.html, and the almanac rule (Amavasya at New Delhi sunset, ${RULES_SCRIPT}, which gives the gazetted Diwali of every year 2015-2026) gives them too`;
const EXCELNOTES_EID = 'https://excelnotes.com/eid-al-fitr-india/';
const EXCELNOTES_EID_NOTE =
  'excelnotes.com "Eid al-Fitr (India): 2020 to 2030" (a calendar projection; the real date follows the sighting of the moon); for 2020-2026 it gives the gazetted date in 4 years and one day later in 3 (2022, 2023, 2025). Calendars for Saudi Arabia and the world (e.g. https://excelnotes.com/eid-al-fitr/) put each of 2027-2030 one day earlier';

/**
 * The sources, one or more per year (2015-2026 read via the stored-pages search, November 2026;
 * the almanac pages for 2027-2030 likewise, 30 November 2026).
 */
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
    festival: 'holi',
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
  // 2027-2030: projections (no memorandum found), one entry per festival and year.
  ruleHoli(
    2027,
    'Purnima 21 March 18:21 to 22 March 16:13 IST, at sunset (18:33) on 21 March only; on 22 March it lasts 3.23 yamas after sunrise, short of the 3.5 that would move Holika Dahan to that day, so Holika Dahan is 21 March and Holi Monday 22 March',
    'https://calendardate.com/in_year2027_holidays.php gives the same day ("Mon - Mar 22 Dolyatra"); https://www.calendarz.com/when-is/hindu-holidays/holi/2028 gives Tuesday 23 March. The margin is narrow: Purnima begins 12 minutes before sunset on 21 March',
  ),
  almanac(2027, 'eid_al_fitr', 'Eid al-Fitr 2027 Mar 11, 2027 Thursday', EXCELNOTES_EID, EXCELNOTES_EID_NOTE),
  almanac(
    2027,
    'dussehra',
    'Dussehra 2027 Saturday Oct 9th',
    CALENDARZ_DUSSEHRA,
    `${CALENDARZ_DUSSEHRA_NOTE}. The same date in https://calendardate.com/in_year2027_holidays.php ("Sat - Oct 9 Dussehra")`,
  ),
  almanac(
    2027,
    'diwali',
    'Diwali 2027 Friday, October 29',
    HOLIDAYSPOT_DIWALI,
    `${HOLIDAYSPOT_DIWALI_NOTE}. https://calendardate.com/in_year2027_holidays.php names no Diwali day but has "Thu - Oct 28 Naraka Chaturdasi" and "Fri - Oct 29 Govardhan Puja" (the day after Diwali), which would suggest 28 October; by the rule Amavasya begins at 20:49 IST on 28 October, after sunset, and prevails at sunset on 29 October only`,
  ),
  almanac(
    2028,
    'holi',
    'Holi 2028 Saturday Mar 11th',
    CALENDARZ_HOLI,
    `${CALENDARZ_HOLI_NOTE}. The same date in https://www.calendardate.com/in_year2028_holidays.php ("Fri - Mar 10 Holika Dahana", "Sat - Mar 11 Dolyatra")`,
  ),
  almanac(2028, 'eid_al_fitr', 'Eid al-Fitr 2028 Feb 28, 2028 Monday', EXCELNOTES_EID, EXCELNOTES_EID_NOTE),
  almanac(
    2028,
    'dussehra',
    'Dussehra 2028 Wednesday Sep 27th',
    CALENDARZ_DUSSEHRA,
    `${CALENDARZ_DUSSEHRA_NOTE}. The same date in https://www.calendardate.com/in_year2028_holidays.php ("Wed - Sep 27 Dussehra")`,
  ),
  almanac(2028, 'diwali', 'Diwali 2028 Tuesday, October 17', HOLIDAYSPOT_DIWALI, HOLIDAYSPOT_DIWALI_NOTE),
  ruleHoli(
    2029,
    'Purnima 28 February 02:05 to 22:40 IST, at sunset on 28 February only, so Holika Dahan is 28 February and Holi Thursday 1 March',
    `${CALENDARZ_HOLI} gives 28 February ("Holi 2029 Wednesday Feb 28th"), the Purnima day itself, as in its rows for 2017 and 2021, where the gazette gave the day after, as the rule does`,
  ),
  almanac(2029, 'eid_al_fitr', 'Eid al-Fitr 2029 Feb 16, 2029 Friday', EXCELNOTES_EID, EXCELNOTES_EID_NOTE),
  almanac(2029, 'dussehra', 'Dussehra 2029 Tuesday Oct 16th', CALENDARZ_DUSSEHRA, CALENDARZ_DUSSEHRA_NOTE),
  almanac(2029, 'diwali', 'Diwali 2029 Monday, November 5', HOLIDAYSPOT_DIWALI, HOLIDAYSPOT_DIWALI_NOTE),
  ruleHoli(
    2030,
    'Purnima 19 March 02:02 to 23:26 IST, at sunset on 19 March only, so Holika Dahan is 19 March and Holi Wednesday 20 March',
    `${CALENDARZ_HOLI} gives 19 March ("Holi 2030 Tuesday Mar 19th"), the Purnima day itself, as in its rows for 2017 and 2021, where the gazette gave the day after, as the rule does`,
  ),
  almanac(
    2030,
    'eid_al_fitr',
    'Eid al-Fitr 2030 Feb 06, 2030 Wednesday',
    EXCELNOTES_EID,
    EXCELNOTES_EID_NOTE,
  ),
  almanac(2030, 'dussehra', 'Dussehra 2030 Sunday Oct 6th', CALENDARZ_DUSSEHRA, CALENDARZ_DUSSEHRA_NOTE),
  almanac(2030, 'diwali', 'Diwali 2030 Saturday, October 26', HOLIDAYSPOT_DIWALI, HOLIDAYSPOT_DIWALI_NOTE),
];

const NAMES: Readonly<Record<IndiaFestival, string>> = {
  diwali: 'Diwali (Deepavali)',
  holi: 'Holi',
  eid_al_fitr: 'Id-ul-Fitr (Eid al-Fitr)',
  dussehra: 'Dussehra (Vijaya Dashami)',
};

// year: [holi, eid_al_fitr, dussehra, diwali]; null = not sourced. 2015-2026 gazetted, 2027-2030
// projections (the sources say which).
const FESTIVAL_DATES: Readonly<Record<number, readonly (string | null)[]>> = {
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
  2027: ['2027-03-22', '2027-03-11', '2027-10-09', '2027-10-29'],
  2028: ['2028-03-11', '2028-02-28', '2028-09-27', '2028-10-17'],
  2029: ['2029-03-01', '2029-02-16', '2029-10-16', '2029-11-05'],
  2030: ['2030-03-20', '2030-02-06', '2030-10-06', '2030-10-26'],
};

const ORDER: readonly IndiaFestival[] = ['holi', 'eid_al_fitr', 'dussehra', 'diwali'];

/**
 * The source of one festival and year: the year's source cited for that festival, else the
 * year's source for all four.
 */
function sourceOf(festival: IndiaFestival, year: number): number {
  const own = INDIA_FESTIVAL_SOURCES.findIndex((s) => s.year === year && s.festival === festival);
  return own !== -1
    ? own
    : INDIA_FESTIVAL_SOURCES.findIndex((s) => s.year === year && s.festival === undefined);
}

/** Every sourced festival date, in date order. */
export const INDIA_FESTIVALS: readonly IndiaFestivalDate[] = Object.entries(FESTIVAL_DATES)
  .flatMap(([year, dates]) =>
    ORDER.flatMap((festival, i) => {
      const date = dates[i];
      if (date === null || date === undefined) return [];
      const source = sourceOf(festival, Number(year));
      const provisional = festival === 'eid_al_fitr' || INDIA_FESTIVAL_SOURCES[source]?.projection === true;
      return [{ festival, name: NAMES[festival], date, source, provisional }];
    }),
  )
  .sort((a, b) => a.date.localeCompare(b.date));

/**
 * The years where all four festivals are sourced: only there is the table complete, so only
 * there are Indian holiday features computed (elsewhere they are null with a warning; the
 * Diwali sale needs only Diwali). 2015-2026 are gazetted; 2027-2030 are projections
 * (every date `provisional`); years before 2015 and after 2030 are missing.
 *
 * @example indiaFestivalYears().includes(2024) // true
 */
export function indiaFestivalYears(): number[] {
  return Object.entries(FESTIVAL_DATES)
    .filter(([, dates]) => dates.every((d) => d !== null))
    .map(([year]) => Number(year));
}

/** The sourced dates of one festival in one year, or null when not sourced. */
export function indiaFestivalDate(festival: IndiaFestival, year: number): IndiaFestivalDate | null {
  return INDIA_FESTIVALS.find((f) => f.festival === festival && f.date.startsWith(`${year}-`)) ?? null;
}

/**
 * What a warning over {@link indiaProjectedYears} says about those dates, after naming them.
 */
export const PROJECTION_CAVEAT =
  "are projections (an almanac page's or the almanac rule's), not the Government of India's list (not found for 2027, not issued for later years), and may differ from it by a day";

/**
 * The years whose table dates include a projection rather than a gazetted date
 * (2027-2030): features computed there carry a warning, as the gazette may differ by a day.
 *
 * @example indiaProjectedYears().includes(2029) // true
 */
export function indiaProjectedYears(): number[] {
  const years = new Set(
    INDIA_FESTIVALS.filter((f) => INDIA_FESTIVAL_SOURCES[f.source]?.projection === true).map((f) =>
      Number(f.date.slice(0, 4)),
    ),
  );
  return [...years].sort((a, b) => a - b);
}
