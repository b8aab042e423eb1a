import { CDK_INTERNALS, internalSuppressions } from '../src/cdk/internals';
import { scanInput } from '../src/guard';

const all = Object.keys(CDK_INTERNALS).sort();

describe('defaults for CDK-internal constructs', () => {
  const cases: [string, Parameters<typeof internalSuppressions>[0], string[]][] = [
    ['all apply by default', undefined, all],
    ['`true` is the default', true, all],
    ['`false` turns them all off', false, []],
    ['one can be turned off by name', { logRetention: false }, all.filter((n) => n !== 'logRetention')],
  ];
  test.each(cases)('%s', (_name, option, expected) => {
    expect([...new Set(internalSuppressions(option).map((s) => s.name))].sort()).toEqual(expected);
  });

  test('each default says why, and is a valid suppression of the configuration', () => {
    for (const s of internalSuppressions(undefined)) {
      expect(s.reason.length).toBeGreaterThanOrEqual(10);
      expect(s.target).toMatch(/^\*\*\//);
    }
  });

  test('the defaults travel in the scan input, named as their source', () => {
    const input = scanInput(
      [],
      {
        bucketDeployment: false,
        awsCustomResource: false,
        customResourceProvider: false,
        cognitoSmsRole: false,
        eksClusterResource: false,
      },
      'aws',
    );
    expect(input.suppressions?.map((s) => [s.rule, s.target, s.source])).toEqual([
      ['wildcard-resource', '**/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/**', 'cdk-guard default: logRetention'],
    ]);
  });
});
