// Calendar helpers for the fictional world: dates as year/month/day, formatting, ages and day arithmetic.
import type { Rng } from './rng.ts';

export interface YMD {
  y: number;
  m: number; // 1-12
  d: number;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}
export function fmtDate(d: YMD): string {
  return `${d.d} ${MONTHS[d.m - 1]} ${d.y}`;
}
/** Age in completed years on `on` of someone born on `born`. */
export function ageOn(born: YMD, on: YMD): number {
  let age = on.y - born.y;
  if (on.m < born.m || (on.m === born.m && on.d < born.d)) age--;
  return age;
}
/** The date `days` days after `d` (day 0 = d). */
export function addDays(d: YMD, days: number): YMD {
  let { y, m, d: day } = d;
  day += days;
  while (day > daysInMonth(y, m)) {
    day -= daysInMonth(y, m);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { y, m, d: day };
}

/** A uniformly random day of year `y`. */
export function randomDate(rng: Rng, y: number): YMD {
  const m = rng.int(1, 12);
  return { y, m, d: rng.int(1, daysInMonth(y, m)) };
}
