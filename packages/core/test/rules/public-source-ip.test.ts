/**
 * A public grant limited to source addresses is public when the ranges together span every IPv4
 * or every IPv6 address, however they are split (their union is read, not a list of known
 * splits), and not when one address is left out.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ResolvedConfig } from '../../src/config/types';

const CONFIG: ResolvedConfig = {
  severities: new Map([['resource-exposure/public-principal', 'error']]),
  settings: { boundary: {}, trust: {}, scps: [], tuning: {} },
  suppressions: [],
};

/** The rule ids reported on a bucket policy readable by anyone from `ranges`. */
function publicFrom(ranges: string[]): string[] {
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::acme-site/*',
        Condition: { IpAddress: { 'aws:SourceIp': ranges } },
      },
    ],
  };
  const result = runGuard(
    {
      principals: [],
      resources: [],
      policies: [{ type: 'resource', policy: { id: 'b', name: 'b', location: {}, document } }],
      errors: [],
    },
    CONFIG,
  );
  return result.findings.map((f) => f.ruleId);
}

const PUBLIC = ['resource-exposure/public-principal'];

describe('source address ranges that together are every address', () => {
  it.each<[string, string[], string[]]>([
    ['IPv4 in two halves', ['0.0.0.0/1', '128.0.0.0/1'], PUBLIC],
    ['IPv6 in two halves (the twin of the IPv4 halves)', ['::/1', '8000::/1'], PUBLIC],
    ['IPv6 in three unequal parts, out of order', ['c000::/2', '::/1', '8000::/2'], PUBLIC],
    [
      'IPv6 halves written in full and with a host address beside them',
      ['0:0:0:0:0:0:0:0/1', '8000::/1', '2001:db8::1'],
      PUBLIC,
    ],
    ['IPv4 in four quarters, overlapping', ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/1', '192.0.0.0/3'], PUBLIC],
    ['every IPv6 address but one half of the upper half', ['::/1', '8000::/2'], []],
    [
      'IPv4 with its top range (`255.192.0.0` up) left out',
      [
        '0.0.0.0/1',
        '128.0.0.0/2',
        '192.0.0.0/3',
        '224.0.0.0/4',
        '240.0.0.0/5',
        '248.0.0.0/6',
        '252.0.0.0/7',
        '254.0.0.0/8',
        '255.0.0.0/9',
        '255.128.0.0/10',
      ],
      [],
    ],
    ['half of IPv4 and half of IPv6: neither family whole', ['0.0.0.0/1', '8000::/1'], []],
    ['one office network', ['203.0.113.0/24', '2001:db8::/32'], []],
  ])('%s', (_name, ranges, expected) => {
    expect(publicFrom(ranges)).toEqual(expected);
  });
});
