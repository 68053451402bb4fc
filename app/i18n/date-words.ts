/**
 * Date words in one place: month and weekday names, and "14 juni 2023". Pure; used by the report's Swedish
 * (app/reports/swedish.ts) and the public pages.
 */
export const MONTHS = {
  sv: [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
  ],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
} as const;

/** "2023-06-14" → "14 juni 2023": easier to read than ISO dates on the public pages. */
export function longDate(isoDate: string, locale: "sv" | "en" = "sv"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const month = MONTHS[locale][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : isoDate;
}

/** Monday first, as ISO weekdays 1–7 count. */
export const WEEKDAYS = {
  sv: ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
} as const;
