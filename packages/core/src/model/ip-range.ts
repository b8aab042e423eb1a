/**
 * IP addresses and CIDR ranges as the IpAddress operators read them, in one place so that
 * `iamgate lint` (model/validate.ts) and the evaluator (evaluator/conditions/ip.ts) agree on
 * which values are addresses: a value lint accepts is one the evaluator compares, and a value it
 * reports never matches. The standard CIDR notation only: no spaces around the value, an IPv6
 * address of eight groups or fewer with at most one `::`, a prefix length within the family.
 */

/** An address or range: its bytes (4 or 16) and prefix length (32 or 128 for one address). */
export interface IpRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

/** The 16-bit groups of one side of `::`, an embedded IPv4 address as its last two; undefined when malformed. */
function ipv6Groups(side: string): number[] | undefined {
  if (side === '') return [];
  const out: number[] = [];
  const items = side.split(':');
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as string;
    if (i === items.length - 1 && item.includes('.')) {
      const v4 = parseIpv4(item);
      if (!v4) return undefined;
      out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
      out.push(parseInt(item, 16));
    }
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tail = '';
  const gap = text.indexOf('::');
  if (gap >= 0) {
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
    if (tail.includes('::')) return undefined;
  }
  const h = ipv6Groups(head);
  const t = ipv6Groups(tail);
  if (!h || !t) return undefined;
  const missing = 8 - h.length - t.length;
  if (gap >= 0 ? missing < 1 : missing !== 0) return undefined;
  const all = [...h, ...new Array<number>(missing).fill(0), ...t];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** Reads an address (`10.0.0.1`, `2001:db8::1`) or range (`10.0.0.0/8`); undefined when it is neither. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? { bytes, prefix } : undefined;
}

/** The first address of a range and the one after its last, as numbers of its family's width. */
function span(range: IpRange): [bigint, bigint] {
  const width = range.bytes.length * 8;
  let address = 0n;
  for (const byte of range.bytes) address = (address << 8n) | BigInt(byte);
  const size = 1n << BigInt(width - range.prefix);
  const start = (address / size) * size;
  return [start, start + size];
}

/**
 * Whether the ranges of one family (IPv4 or IPv6) together span its every address: `0.0.0.0/1`
 * with `128.0.0.0/1`, `::/1` with `8000::/1`, or any other split of the whole internet, as open
 * as `0.0.0.0/0`. Their union is checked, not a list of known splits.
 */
export function coversEveryAddress(ranges: readonly IpRange[]): boolean {
  return [4, 16].some((length) => {
    const spans = ranges
      .filter((r) => r.bytes.length === length)
      .map(span)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let reached = 0n;
    for (const [start, end] of spans) {
      if (start > reached) return false;
      if (end > reached) reached = end;
    }
    return spans.length > 0 && reached === 1n << BigInt(length * 8);
  });
}
