/** IP address condition operators: IPv4 and IPv6 addresses and CIDR ranges. */
import type { IpRange } from '../../model/ip-range';
import { parseIpRange } from '../../model/ip-range';
import type { ConditionOperator } from './operator';

function inRange(range: IpRange, address: IpRange): boolean {
  if (range.bytes.length !== address.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((range.bytes[i] as number) & mask) !== ((address.bytes[i] as number) & mask)) return false;
  }
  return true;
}

function ip(name: string, negated: boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: false,
    patterns: false,
    prepare: parseIpRange,
    accepts: (v) => {
      const address = parseIpRange(v);
      return address !== undefined && address.prefix === address.bytes.length * 8;
    },
    test: (p, v) => {
      const address = parseIpRange(v);
      return address !== undefined && address.prefix === address.bytes.length * 8 && inRange(p as IpRange, address);
    },
  };
}

/** The IpAddress operator family. */
export const ipOperators: readonly ConditionOperator[] = [ip('IpAddress', false), ip('NotIpAddress', true)];
