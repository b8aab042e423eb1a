/**
 * `format`'s floating-point verbs (`%e`, `%f`, `%g`, their widths, precisions and flags) as
 * Terraform writes them: a number is Go's `big.Float` of 512-bit precision, and `fmt` prints it
 * from its exact decimal expansion (`format("%.2f", 2.675)` rounds what 2.675 is at that precision,
 * not the decimal text). The caller gives the number's exact decimal text, as Terraform writes it.
 */

/** Go's `decimal`: the value `0.mant × 10^exp`, `mant` without leading or trailing zeros (empty for zero). */
interface Decimal {
  mant: string;
  exp: number;
}

/** Terraform's number precision, in bits of mantissa. */
const PRECISION = 512;

/**
 * The exact decimal expansion of the 512-bit binary number nearest to a decimal text (rounding half
 * to even), as Terraform parses a number: `text` is digits with an optional sign and fraction.
 */
function nearestDecimal(text: string): { negative: boolean; decimal: Decimal } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`not a decimal: ${text}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const m = BigInt(whole + fraction);
  const negative = sign === '-';
  if (m === 0n) return { negative, decimal: { mant: '', exp: 0 } };
  const scale = fraction.length;
  if (scale === 0) return { negative, decimal: decimalOf(roundedInteger(m).toString(), 0) };
  const divisor = 10n ** BigInt(scale);
  // q × 2^k nearest to m / divisor, q of exactly PRECISION bits.
  let k = bitLength(m) - bitLength(divisor) - PRECISION - 1;
  let q = 0n;
  let remainder = 0n;
  for (;;) {
    const numerator = k < 0 ? m << BigInt(-k) : m;
    const denominator = k < 0 ? divisor : divisor << BigInt(k);
    q = numerator / denominator;
    remainder = numerator - q * denominator;
    if (bitLength(q) > PRECISION) k += 1;
    else if (bitLength(q) < PRECISION) k -= 1;
    else {
      const twice = 2n * remainder;
      if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
      break;
    }
  }
  if (bitLength(q) > PRECISION) {
    q >>= 1n;
    k += 1;
  }
  if (k >= 0) return { negative, decimal: decimalOf((q << BigInt(k)).toString(), 0) };
  // q × 2^k = q × 5^-k / 10^-k
  return { negative, decimal: decimalOf((q * 5n ** BigInt(-k)).toString(), k) };
}

/** An integer rounded to PRECISION bits, half to even. */
function roundedInteger(n: bigint): bigint {
  const shift = bitLength(n) - PRECISION;
  if (shift <= 0) return n;
  const unit = 1n << BigInt(shift);
  let q = n >> BigInt(shift);
  const twice = 2n * (n - (q << BigInt(shift)));
  if (twice > unit || (twice === unit && q % 2n === 1n)) q += 1n;
  return q << BigInt(shift);
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** `digits × 10^power` as a Go decimal. */
function decimalOf(digits: string, power: number): Decimal {
  const mant = digits.replace(/^0+/, '');
  const exp = mant.length + power;
  return { mant: mant.replace(/0+$/, ''), exp };
}

/** Go's `decimal.round(n)`: to `n` digits of mantissa, half to even only where exactly half. */
function round(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  const digit = d.mant.charAt(n);
  const up = digit === '5' && n + 1 === d.mant.length ? n > 0 && Number(d.mant.charAt(n - 1)) % 2 === 1 : digit >= '5';
  if (!up) return { mant: d.mant.slice(0, n).replace(/0+$/, ''), exp: d.exp };
  let i = n;
  while (i > 0 && d.mant.charAt(i - 1) === '9') i -= 1;
  if (i === 0) return { mant: '1', exp: d.exp + 1 };
  return { mant: d.mant.slice(0, i - 1) + String(Number(d.mant.charAt(i - 1)) + 1), exp: d.exp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.mant.length ? d.mant.charAt(i) : '0';
}

function fmtE(d: Decimal, precision: number, letter: 'e' | 'E'): string {
  let text = d.mant.charAt(0) || '0';
  if (precision > 0) text += `.${Array.from({ length: precision }, (_, i) => digitAt(d, i + 1)).join('')}`;
  const exp = d.mant.length > 0 ? d.exp - 1 : 0;
  return `${text}${letter}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(d: Decimal, precision: number): string {
  let text = d.exp > 0 ? Array.from({ length: d.exp }, (_, i) => digitAt(d, i)).join('') : '0';
  if (precision > 0) text += `.${Array.from({ length: precision }, (_, i) => digitAt(d, d.exp + i)).join('')}`;
  return text;
}

/** Go's `big.Float.Text` of a decimal, without its sign; `precision` undefined is the shortest text. */
function text(verb: 'e' | 'E' | 'f' | 'g' | 'G', exact: Decimal, shortest: Decimal, precision?: number): string {
  if (precision === undefined) {
    const d = shortest;
    if (verb === 'e' || verb === 'E') return fmtE(d, Math.max(d.mant.length - 1, 0), verb);
    if (verb === 'f') return fmtF(d, Math.max(d.mant.length - d.exp, 0));
    return general(verb, d, d.mant.length, true);
  }
  if (verb === 'e' || verb === 'E') return fmtE(round(exact, 1 + precision), precision, verb);
  if (verb === 'f') return fmtF(round(exact, exact.exp + precision), precision);
  const wanted = precision === 0 ? 1 : precision;
  return general(verb, round(exact, wanted), wanted, false);
}

function general(verb: 'g' | 'G', d: Decimal, precision: number, shortest: boolean): string {
  let eprec = precision;
  if (eprec > d.mant.length && d.mant.length >= d.exp) eprec = d.mant.length;
  if (shortest) eprec = 6;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) return fmtE(d, Math.min(precision, d.mant.length) - 1, verb === 'g' ? 'e' : 'E');
  return fmtF(d, Math.max((precision > d.exp ? d.mant.length : precision) - d.exp, 0));
}

/**
 * One `%e`, `%E`, `%f`, `%g` or `%G` directive of a number (its exact decimal text, as
 * Terraform writes the number) with Go's flags (`+`, space, `0`, `-`), width and precision.
 */
export function formatFloat(verb: string, number: string, flags: string, width: number, precision?: number): string {
  const { negative, decimal } = nearestDecimal(number);
  const [, fraction = ''] = number.split('.');
  const shortest = decimalOf(number.replace(/^-/, '').replace('.', ''), -fraction.length);
  const lower = verb as 'e' | 'E' | 'f' | 'g' | 'G';
  const body = text(lower, decimal, shortest.mant === '' ? { mant: '', exp: 0 } : shortest, precision);
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const padding = Math.max(width - sign.length - body.length, 0);
  if (flags.includes('0')) return sign + '0'.repeat(padding) + body;
  if (flags.includes('-')) return sign + body + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + body;
}
