/** What a plan changes, round 25: overlaps of general patterns. */
import { runGuard } from '../../src/analysis/engine';
import type { PolicySource, ScanInput } from '../../src/analysis/input';
import { doc, input, role, source } from '../engine/helpers';

const statement = (effect: 'Allow' | 'Deny', resource: unknown, extra: Record<string, unknown> = {}): unknown => ({
  Effect: effect,
  Action: 's3:GetObject',
  Resource: resource,
  ...extra,
});
const allow = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Allow', resource, extra);
const deny = (resource: unknown, extra?: Record<string, unknown>): unknown => statement('Deny', resource, extra);

/** A role whose inline policy goes from `before` to `after`. */
function edited(before: unknown, after: unknown, extra: Partial<ScanInput['principals'][number]> = {}): ScanInput {
  const policy: PolicySource = source('aws_iam_role_policy.app', after, { before: { document: before } });
  return input({ principals: [role('aws_iam_role.app', [policy], extra)] });
}

/** `[resource, before, after, except...]` of the `s3:GetObject` rows gained or lost. */
function rows(scan: ScanInput, which: 'gained' | 'lost'): string[][] {
  const result = runGuard(scan);
  expect(result.changes).toHaveLength(1);
  return (result.changes?.[0]?.[which] ?? [])
    .filter((d) => d.action === 's3:GetObject')
    .map((d) => [d.resource, d.before, d.after, ...(d.except ?? [])])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

describe('a Deny removed that meets a grant without either being a prefix and `*`', () => {
  it('is gained on exactly the strings both match (`b/*/x` against `*/y/*`)', () => {
    const grant = allow('arn:aws:s3:::*/y/*');
    const scan = edited(doc(grant, deny('arn:aws:s3:::b/*/x')), doc(grant));
    // The objects named `x` of bucket `b` under a folder `y` at any depth: `b/y/x`, `b/…/y/x`,
    // `b/y/…/x`, `b/…/y/…/x`.
    expect(rows(scan, 'gained')).toEqual([
      ['arn:aws:s3:::b/*/y/*/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/*/y/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/y/*/x', 'denied', 'allowed'],
      ['arn:aws:s3:::b/y/x', 'denied', 'allowed'],
    ]);
    expect(rows(scan, 'lost')).toEqual([]);
  });
});
