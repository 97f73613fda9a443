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

/** The month with the largest count; a tie goes to the later month (SPEC §3). Null when all counts are empty. */
export function busiestMonth(counts: ReadonlyMap<Month, number>): Month | null {
  let best: Month | null = null;
  let bestCount = 0;
  for (const [month, n] of counts) {
    if (n > bestCount || (n === bestCount && n > 0 && best !== null && month > best)) {
      best = month;
      bestCount = n;
    }
  }
  return best;
}
