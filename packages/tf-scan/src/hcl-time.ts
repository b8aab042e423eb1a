/**
 * Terraform's pure time functions on given timestamps: `formatdate`, `timeadd`, `timecmp`. A
 * timestamp is RFC 3339 text as Go's `time.Parse(time.RFC3339, ...)` reads it; anything else is
 * Terraform's error, or unimplemented where Go is more lenient than the strict form read here.
 */
import { UnimplementedHcl, UnsupportedHcl } from './hcl-expression';

/** An instant and the UTC offset it was written with. */
interface Timestamp {
  /** Nanoseconds since 1970-01-01T00:00:00Z. */
  readonly nanos: bigint;
  /** The offset in seconds east of UTC. */
  readonly offset: number;
}

const NANOS_PER_SECOND = 1_000_000_000n;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
/** Forms Go's general parser may still accept (a one-digit hour, a comma before the fraction). */
const LENIENT = /^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** RFC 3339 text as an instant, or Terraform's error. */
function parseTimestamp(text: string, what: string): Timestamp {
  const m = STRICT.exec(text);
  if (m === null) {
    if (LENIENT.test(text)) throw new UnimplementedHcl(`\`${what}\` of the timestamp \`${text}\``);
    throw new UnsupportedHcl(`\`${what}\` of \`${text}\`, which is not an RFC 3339 timestamp`);
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    throw new UnsupportedHcl(`\`${what}\` of \`${text}\`, a date or time out of range`);
  let offset = 0;
  if (m[8] === undefined) {
    const [hours, minutes] = [Number(m[10]), Number(m[11])];
    // Go's own bounds on an offset are looser than a clock's: not guessed either way.
    if (hours > 23 || minutes > 59) throw new UnimplementedHcl(`\`${what}\` of \`${text}\`, a UTC offset beyond a day`);
    offset = (m[9] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  }
  // Go keeps nine digits of the fraction and drops the rest.
  const fraction = BigInt((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const seconds = BigInt(utc.getTime() / 1000) - BigInt(offset);
  return { nanos: seconds * NANOS_PER_SECOND + fraction, offset };
}

/** The calendar fields of an instant in the zone it was written with. */
function fieldsOf(time: Timestamp, what: string): Date {
  const seconds = time.nanos / NANOS_PER_SECOND - (time.nanos % NANOS_PER_SECOND < 0n ? 1n : 0n);
  const local = new Date(Number(seconds + BigInt(time.offset)) * 1000);
  const year = local.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new UnimplementedHcl(`\`${what}\` of a year beyond 0..9999`);
  return local;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `-0700` or `-07:00` of an offset. */
function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 3600))}${colon ? ':' : ''}${pad(Math.floor(abs / 60) % 60)}`;
}

/** Go's `Format(time.RFC3339)`: whole seconds, `Z` for a zero offset. */
function rfc3339(time: Timestamp, what: string): string {
  const d = fieldsOf(time, what);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${clock}${time.offset === 0 ? 'Z' : offsetText(time.offset, true)}`;
}

/** One verb of a `formatdate` specification (a run of one letter), or Terraform's error. */
function verb(token: string, d: Date, offset: number): string {
  const n = token.length;
  const either = (one: number, name: string): string => {
    if (n === 1) return String(one);
    if (n === 2) return pad(one);
    throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\`: ${name}`);
  };
  const hour = d.getUTCHours();
  switch (token.charAt(0)) {
    case 'Y':
      if (n === 2) return pad(d.getUTCFullYear() % 100);
      if (n === 4) return pad(d.getUTCFullYear(), 4);
      throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\`: year must be YY or YYYY`);
    case 'M': {
      const month = d.getUTCMonth();
      if (n === 3) return (MONTHS[month] ?? '').slice(0, 3);
      if (n === 4) return MONTHS[month] ?? '';
      return either(month + 1, 'month must be M, MM, MMM or MMMM');
    }
    case 'D':
      return either(d.getUTCDate(), 'day must be D or DD');
    case 'E': {
      const day = WEEKDAYS[d.getUTCDay()] ?? '';
      if (n === 3) return day.slice(0, 3);
      if (n === 4) return day;
      throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\`: day of week must be EEE or EEEE`);
    }
    case 'h':
      return either(hour, '24-hour must be h or hh');
    case 'H':
      return either(hour % 12 === 0 ? 12 : hour % 12, '12-hour must be H or HH');
    case 'A':
    case 'a':
      if (n !== 2) throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\`: must be AA or aa`);
      return token === 'AA' ? (hour < 12 ? 'AM' : 'PM') : hour < 12 ? 'am' : 'pm';
    case 'm':
      return either(d.getUTCMinutes(), 'minute must be m or mm');
    case 's':
      return either(d.getUTCSeconds(), 'second must be s or ss');
    case 'Z':
      if (n === 1) return offset === 0 ? 'Z' : offsetText(offset, true);
      if (n === 3) return offset === 0 ? 'UTC' : offsetText(offset, false);
      if (n === 4) return offsetText(offset, false);
      if (n === 5) return offsetText(offset, true);
      throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\`: timezone must be Z, ZZZ, ZZZZ or ZZZZZ`);
    default:
      throw new UnsupportedHcl(`\`formatdate\` verb \`${token}\``);
  }
}

/**
 * `formatdate(spec, timestamp)`: runs of one ASCII letter are verbs, text in single quotes is
 * literal (`''` a quote), anything else is copied.
 */
export function formatDate(spec: string, timestamp: string): string {
  const time = parseTimestamp(timestamp, 'formatdate');
  const d = fieldsOf(time, 'formatdate');
  let out = '';
  for (let i = 0; i < spec.length;) {
    const c = spec.charAt(i);
    if (c === "'") {
      if (spec.charAt(i + 1) === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let literal = '';
      for (; j < spec.length; j += 1) {
        if (spec.charAt(j) !== "'") literal += spec.charAt(j);
        else if (spec.charAt(j + 1) === "'") {
          literal += "'";
          j += 1;
        } else break;
      }
      if (j >= spec.length) {
        // Terraform's tokenizer takes a closing `''` at the very end as the end of the literal.
        if (spec.endsWith("''")) throw new UnimplementedHcl("`formatdate` of a literal ending in `''`");
        throw new UnsupportedHcl("`formatdate` with an unterminated literal `'`");
      }
      out += literal;
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i + 1;
      while (spec.charAt(j) === c) j += 1;
      out += verb(spec.slice(i, j), d, time.offset);
      i = j;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3600n * NANOS_PER_SECOND,
};
const MAX_DURATION = (1n << 63n) - 1n;

/** Go's `time.ParseDuration`: signed runs of a decimal number and a unit (`1h30m`, `-1.5h`, `0`). */
function parseDuration(text: string): bigint {
  const invalid = (): UnsupportedHcl => new UnsupportedHcl(`\`timeadd\` of \`${text}\`, which is not a duration`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw invalid();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(rest);
    const [whole = '', integer = '', fraction, unitName = ''] = m ?? [];
    if (integer === '' && (fraction ?? '') === '') throw invalid();
    const unit = Object.hasOwn(UNITS, unitName) ? UNITS[unitName] : undefined;
    // The unit runs to the next digit or dot; one Go does not know is its error.
    if (unit === undefined) throw invalid();
    let value = BigInt(integer === '' ? '0' : integer);
    if (value > MAX_DURATION / unit) throw invalid();
    value *= unit;
    if (fraction !== undefined && fraction !== '') {
      // As Go does it: the leading digits that fit, scaled in floating point and truncated.
      let digits = 0n;
      let scale = 1;
      for (const c of fraction) {
        if (digits > MAX_DURATION / 10n) break;
        const next = digits * 10n + BigInt(c);
        if (next > 1n << 63n) break;
        digits = next;
        scale *= 10;
      }
      value += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
    }
    total += value;
    if (total > MAX_DURATION + (negative ? 1n : 0n)) throw invalid();
    rest = rest.slice(whole.length);
  }
  return negative ? -total : total;
}

/** `timeadd(timestamp, duration)`: the instant later by the duration, in the same offset, to the second. */
export function timeAdd(timestamp: string, duration: string): string {
  const time = parseTimestamp(timestamp, 'timeadd');
  return rfc3339({ nanos: time.nanos + parseDuration(duration), offset: time.offset }, 'timeadd');
}

/** `timecmp(a, b)`: -1, 0 or 1 as instant `a` is before, the same as, or after `b`. */
export function timeCompare(a: string, b: string): number {
  const [x, y] = [parseTimestamp(a, 'timecmp').nanos, parseTimestamp(b, 'timecmp').nanos];
  return x < y ? -1 : x > y ? 1 : 0;
}
