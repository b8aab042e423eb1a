import { defineRule } from '../rule';
import type { ConditionClause } from '../../model/policy';
import { isAwsManaged } from '../validity/common';

// Private, loopback, link-local and shared (carrier-grade NAT) IPv4 ranges: never the source
// address AWS sees for a request from the internet.
const PRIVATE_V4: readonly [number, number][] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0x64400000, 10],
];

/** `aws:SourceIp` conditions that cannot work as written, and IP ranges written with host bits. */
export default defineRule({
  meta: {
    id: 'policy-validity/source-ip-condition',
    description:
      'An `aws:SourceIp` condition on private addresses (which AWS never sees as the source of a request), or a CIDR range with bits set after its prefix (under any IP key, `aws:VpcSourceIp` too).',
    rationale:
      '`aws:SourceIp` holds the public address of the caller; requests through a VPC endpoint carry `aws:VpcSourceIp` instead. A private range never matches, so an Allow never applies and a `NotIpAddress` Deny refuses everything. Use `aws:VpcSourceIp` or `aws:SourceVpce` for private networks, and write CIDR ranges with their host bits at zero.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: { resources: true },
    messages: {
      onlyPrivate:
        '`aws:SourceIp` is never a private address ({{values}}); use `aws:VpcSourceIp` or `aws:SourceVpce` for requests from a VPC',
      somePrivate: '`aws:SourceIp` is never a private address: {{values}} will not match',
      hostBits: 'range `{{value}}` has bits set after its prefix; AWS reads it as `{{network}}`',
    },
  },
  examples: {
    valid: [
      {
        name: 'public ranges, and private ones under aws:VpcSourceIp',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
            },
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } },
            },
          ],
        },
      },
      {
        name: 'a single public address',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.7' } },
            },
          ],
        },
      },
    ],
    invalid: [
      {
        name: 'aws:SourceIp on a private range',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } },
            },
          ],
        },
        errors: [{ messageId: 'onlyPrivate' }],
      },
      {
        name: 'a mix of public and private ranges, one with host bits set',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.5/24', '172.16.0.0/12'] } },
            },
          ],
        },
        errors: [{ messageId: 'somePrivate' }, { messageId: 'hostBits' }],
      },
      {
        name: 'a subnet range under aws:VpcSourceIp written with the address of one host',
        type: 'identity',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::reports/*',
              Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.1.7/24' } },
            },
          ],
        },
        errors: [{ messageId: 'hostBits', pointer: '/Statement/0/Condition/IpAddress/aws:VpcSourceIp' }],
      },
    ],
  },
  checkPolicy(context, subject) {
    if (!subject.parsed.ok || isAwsManaged(subject)) return;
    for (const statement of subject.parsed.value.statements) {
      for (const clause of statement.conditions) {
        if (clause.baseOperator !== 'IpAddress' && clause.baseOperator !== 'NotIpAddress') continue;
        const values = clause.values.filter((v): v is string => typeof v === 'string');
        const ranges = values.map((v) => [v, parseV4(v)] as const);
        // Only the public address is never private; `aws:VpcSourceIp` and the like are meant to be.
        const allPrivate = isSourceIp(clause)
          ? [
              ...ranges.filter(([, r]) => r !== undefined && isPrivateV4(r)).map(([v]) => v),
              ...values.filter(isPrivateV6),
            ]
          : [];
        const base = { statement, pointer: clause.pointer };
        if (allPrivate.length > 0) {
          const shown = allPrivate.map((v) => `\`${v}\``).join(', ');
          context.report({
            ...base,
            messageId: allPrivate.length === clause.values.length ? 'onlyPrivate' : 'somePrivate',
            data: { values: shown },
            key: 'private',
            evidence: { values: allPrivate },
          });
        }
        for (const [value, range] of ranges) {
          if (range === undefined) continue;
          const network = range.address & mask(range.prefix);
          if (network >>> 0 === range.address >>> 0) continue;
          context.report({
            ...base,
            messageId: 'hostBits',
            data: { value, network: `${dotted(network)}/${range.prefix}` },
            key: `bits ${value}`,
          });
        }
      }
    }
  },
});

function isSourceIp(clause: ConditionClause): boolean {
  return clause.key.toLowerCase() === 'aws:sourceip';
}

interface V4Range {
  readonly address: number;
  readonly prefix: number;
}

function parseV4(value: string): V4Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(value);
  if (m === null) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function isPrivateV4(range: V4Range): boolean {
  return PRIVATE_V4.some(
    ([network, prefix]) => range.prefix >= prefix && (range.address & mask(prefix)) >>> 0 === network,
  );
}

// Unique local (fc00::/7), link-local (fe80::/10) and loopback.
function isPrivateV6(value: string): boolean {
  const lowered = value.toLowerCase();
  if (!lowered.includes(':')) return false;
  const prefix = Number(lowered.split('/')[1] ?? '128');
  if (lowered.split('/')[0] === '::1') return true;
  return (/^f[cd][0-9a-f]{0,2}:/.test(lowered) && prefix >= 7) || (/^fe[89ab][0-9a-f]?:/.test(lowered) && prefix >= 10);
}

function dotted(address: number): string {
  const a = address >>> 0;
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}
