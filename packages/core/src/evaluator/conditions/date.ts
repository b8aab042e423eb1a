/**
 * Date condition operators: the W3C profile of ISO 8601 (`2026-01-01`, `2026-01-01T10:00Z`,
 * `2026-01-01T10:00:00.5+02:00`, also `2026-01`) or epoch seconds. Read the same on every machine:
 * a time without offset is UTC, never the local time zone, and text that is not one of these forms
 * (a day that does not exist, trailing words) is not a date, where `Date.parse` would guess one.
 */
import type { ConditionOperator } from './operator';
import { orderedOperators } from './operator';

// The forms `iamgate lint` accepts as dates (model/validate.ts): an offset is `Z`, `+hh:mm` or `+hhmm`.
const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] as number);
}

/** Milliseconds since the epoch of a W3C ISO 8601 date or an epoch-seconds number, or undefined. */
export function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const m = W3C_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  // A leap second is a valid time (it reads as the first second of the next minute).
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(-2));
    if (hours > 23 || minutes > 59) return undefined;
    offset = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, month - 1, day);
  const fraction = m[7] === undefined ? 0 : Number('0.' + m[7]) * 1000;
  return midnight.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + fraction - offset;
}

/** The Date* operator family. */
export const dateOperators: readonly ConditionOperator[] = orderedOperators('Date', parseDate);
