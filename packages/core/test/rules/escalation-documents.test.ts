/**
 * `ssm:SendCommand` runs the caller's code as an instance's role only with a document that takes a
 * command: the document and the instances may be allowed by one statement or by several, and the
 * path (`ssm-002`) is open only when some statement admits such a document.
 */
import { runGuard } from '../../src/analysis/engine';
import type { ScanInput } from '../../src/analysis/input';
import { ESCALATION_CONFIG } from './escalation-config';

const V = '2012-10-17';
const SEND = 'ssm:SendCommand';
const VSS = 'arn:aws:ssm:*::document/AWSEC2-CreateVssSnapshot';
const SHELL = 'arn:aws:ssm:*::document/AWS-RunShellScript';
const INSTANCES = 'arn:aws:ec2:*:*:instance/*';

const standalone = (resources: (string | string[])[]): ScanInput => ({
  principals: [],
  resources: [],
  policies: [
    {
      type: 'identity',
      policy: {
        id: 'p',
        name: 'p',
        location: {},
        document: { Version: V, Statement: resources.map((r) => ({ Effect: 'Allow', Action: SEND, Resource: r })) },
      },
    },
  ],
  errors: [],
});

const paths = (input: ScanInput): unknown[] =>
  runGuard(input, ESCALATION_CONFIG).findings.map((f) => f.evidence?.['path']);

describe('ssm:SendCommand and the documents it may run', () => {
  it.each<readonly [string, (string | string[])[], unknown[]]>([
    ['an AWS document that takes no command, and the instances, in one statement', [[VSS, INSTANCES]], []],
    ['the same document and the instances in two statements', [VSS, INSTANCES], []],
    ['instances only: no document may be named, no command runs', [INSTANCES], []],
    ['a shell document beside the fixed one, instances apart', [VSS, SHELL, INSTANCES], ['ssm-002']],
    ['every resource', ['*'], ['ssm-002']],
  ])('%s', (_name, resources, expected) => {
    expect(paths(standalone(resources))).toEqual(expected);
  });
});
