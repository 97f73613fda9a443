/** A calendar month `YYYY-MM` (SPEC §3). */
export type Month = `${number}-${number}`;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): value is Month {
  return MONTH_PATTERN.test(value);
}

/** The month `YYYY-MM` of a local calendar date or date-time string `YYYY-MM-DD…`. */
export function monthOf(localDate: string): Month {
  return localDate.slice(0, 7) as Month;
}

/** The month after `month`: `2026-12` → `2027-01`. */
export function nextMonth(month: Month): Month {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return (mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`) as Month;
}
