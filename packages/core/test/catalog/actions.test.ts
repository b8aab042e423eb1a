import { readCatalogIndex } from '../../src/catalog/data';
import type * as DataModule from '../../src/catalog/data';
import type * as ActionsModule from '../../src/catalog/actions';
import {
  acceptsOnlyWildcardResource,
  diagnoseUnknownAction,
  expandActionPattern,
  expandNotAction,
  getAction,
  getService,
  listAllActions,
  listServices,
  listWildcardOnlyActions,
} from '../../src/catalog/actions';

describe('getAction', () => {
  const cases = [
    {
      name: 'lookup is case-insensitive and returns the canonical case',
      input: 'S3:getobject',
      action: 's3:GetObject',
      accessLevel: 'Read',
    },
    { name: 'a list action', input: 's3:ListBucket', action: 's3:ListBucket', accessLevel: 'List' },
    {
      name: 'a compound access level keeps its first level',
      input: 'iam:PutRolePolicy',
      action: 'iam:PutRolePolicy',
      accessLevel: 'Permissions management',
    },
    { name: 'a tagging action', input: 's3:PutBucketTagging', action: 's3:PutBucketTagging', accessLevel: 'Tagging' },
  ];
  it.each(cases)('$name', ({ input, action, accessLevel }) => {
    const info = getAction(input);
    expect(info?.action).toBe(action);
    expect(info?.accessLevel).toBe(accessLevel);
  });

  it.each([
    ['a read of a permissions document filed as permissions management', 'quicksight:DescribeTopicPermissions', 'Read'],
    ['a read of a resource policy filed as permissions management', 'fsx:GetResourcePolicy', 'Read'],
    ['a list of tags filed as a write', 'route53globalresolver:ListTagsForResource', 'List'],
    ['a read verb filed as permissions management', 'glue:DescribeConnectionType', 'Read'],
    ['a check of a policy that attaches nothing', 'secretsmanager:ValidateResourcePolicy', 'Read'],
    ['a sign-in URL keeps its level', 'datazone:GetIamPortalLoginUrl', 'Permissions management'],
    ['database credentials keep their level', 'redshift:GetClusterCredentials', 'Write'],
    ['a permission change keeps its level', 'quicksight:UpdateTopicPermissions', 'Permissions management'],
  ])('access level: %s (%s)', (_, action, level) => {
    expect(getAction(action)?.accessLevel).toBe(level);
    expect(getAction(action)?.accessLevels[0]).toBe(level);
  });

  it('lists every access level of a compound one', () => {
    expect(getAction('iam:PutRolePolicy')?.accessLevels).toEqual(['Permissions management', 'Write']);
  });

  it('gives resource types with their required flag', () => {
    expect(getAction('iam:PassRole')?.resourceTypes.map((rt) => [rt.name, rt.required])).toEqual([['role', true]]);
    expect(getAction('iam:PassRole')?.conditionKeys).toContain('iam:PassedToService');
  });

  it.each(['s3:NoSuchAction', 'nosuchservice:GetObject', 'GetObject', ':GetObject'])('%s is unknown', (input) => {
    expect(getAction(input)).toBeUndefined();
  });
});

describe('services', () => {
  it('knows the service names', () => {
    expect(getService('IAM')?.prefix).toBe('iam');
    expect(getService('nosuchservice')).toBeUndefined();
    expect(listServices().map((s) => s.prefix)).toEqual(expect.arrayContaining(['s3', 'iam', 'ec2', 'sts']));
  });
});

describe('expandActionPattern', () => {
  it('expands a prefix pattern within one service, case-insensitively', () => {
    const expanded = expandActionPattern('s3:get*');
    expect(expanded).toContain('s3:GetObject');
    expect(expanded).toContain('s3:GetBucketPolicy');
    expect(expanded.every((a) => a.startsWith('s3:Get'))).toBe(true);
  });

  it('expands a question mark to one character', () => {
    expect(expandActionPattern('iam:?assRole')).toEqual(['iam:PassRole']);
  });

  it('expands a concrete action to its canonical spelling', () => {
    expect(expandActionPattern('IAM:PASSROLE')).toEqual(['iam:PassRole']);
  });

  it('expands a wildcard in the service part', () => {
    const expanded = expandActionPattern('s3*:ListBucket');
    expect(expanded).toContain('s3:ListBucket');
  });

  it('expands `*` to every action of every service', () => {
    expect(expandActionPattern('*').length).toBe(listAllActions().length);
    expect(expandActionPattern('*')).toContain('sts:AssumeRole');
  });

  it.each(['nosuchservice:*', 's3:NoSuch*', 'not-an-action'])('%s expands to nothing', (pattern) => {
    expect(expandActionPattern(pattern)).toEqual([]);
  });
});

describe('expandNotAction', () => {
  it('gives every action not matched by the patterns', () => {
    const allowed = expandNotAction(['iam:*', 'organizations:*']);
    expect(allowed).toContain('s3:GetObject');
    expect(allowed).not.toContain('iam:PassRole');
    expect(allowed.some((a) => a.startsWith('organizations:'))).toBe(false);
    expect(allowed.length).toBe(
      listAllActions().length - expandActionPattern('iam:*').length - expandActionPattern('organizations:*').length,
    );
  });
});

describe('acceptsOnlyWildcardResource', () => {
  it.each([
    ['xray:PutTraceSegments', true],
    ['ec2:DescribeInstances', true],
    ['sts:GetCallerIdentity', true],
    ['s3:GetObject', false],
    ['iam:PassRole', false],
    ['nosuch:Action', false],
  ])('%s -> %s', (action, expected) => {
    expect(acceptsOnlyWildcardResource(action)).toBe(expected);
  });

  it('lists the wildcard-only actions', () => {
    const list = listWildcardOnlyActions();
    expect(list).toEqual(
      expect.arrayContaining(['xray:PutTraceSegments', 'ec2:DescribeInstances', 'sts:GetCallerIdentity']),
    );
    expect(list).not.toContain('s3:GetObject');
  });
});

describe('diagnoseUnknownAction', () => {
  const cases = [
    {
      name: 'a typo in the action name',
      input: 's3:GetObjetc',
      expected: { kind: 'unknown-action', service: 's3', suggestion: 's3:GetObject' },
    },
    {
      name: 'a typo in the service prefix',
      input: 'iamm:PassRole',
      expected: { kind: 'unknown-service', service: 'iamm', suggestion: 'iam:PassRole' },
    },
    {
      name: 'nothing close',
      input: 's3:Zzzzzzzzzzzzzzzzz',
      expected: { kind: 'unknown-action', service: 's3', suggestion: undefined },
    },
    {
      name: 'an API operation written as an action gets the action that authorizes it, not the closest spelling',
      input: 's3:listBuckets',
      expected: { kind: 'unknown-action', service: 's3', suggestion: 's3:ListAllMyBuckets' },
    },
    {
      name: 'a batch API operation gets the action of one item',
      input: 'sqs:SendMessageBatch',
      expected: { kind: 'unknown-action', service: 'sqs', suggestion: 'sqs:SendMessage' },
    },
    {
      name: "the SNS:Receive of AWS's default topic policy is a legacy action, not a typo of another",
      input: 'SNS:Receive',
      expected: { kind: 'legacy', service: 'sns', why: 'AWS writes it in the default access policy of a topic' },
    },
    { name: 'no colon', input: 'PassRole', expected: { kind: 'malformed' } },
    {
      name: 'a pattern that matches nothing',
      input: 's3:Nosuch*',
      expected: { kind: 'unknown-action', service: 's3', suggestion: undefined },
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(diagnoseUnknownAction(input)).toEqual(expected);
  });

  it.each([
    's3:ListObjectsV2',
    's3:ListObjects',
    's3:ListObjectVersions',
    's3:HeadObject',
    's3:HeadBucket',
    's3:DeleteObjects',
    's3:CreateMultipartUpload',
    's3:UploadPart',
    's3:CompleteMultipartUpload',
    's3:SelectObjectContent',
    'sqs:DeleteMessageBatch',
    'sqs:ChangeMessageVisibilityBatch',
    'sns:PublishBatch',
    'lambda:Invoke',
  ])('API operation %s is no action, and the action suggested for it is one', (input) => {
    const reason = diagnoseUnknownAction(input);
    expect(reason).toMatchObject({ kind: 'unknown-action' });
    const suggestion = reason?.kind === 'unknown-action' ? reason.suggestion : undefined;
    expect(suggestion === undefined ? undefined : getAction(suggestion)?.action).toBe(suggestion);
  });

  it.each(['s3:GetObject', 's3:Get*', '*'])('%s is known', (input) => {
    expect(diagnoseUnknownAction(input)).toBeUndefined();
  });

  it("glue:ShareResource, which Lake Formation's cross-account sharing documents and the reference omits, is known", () => {
    expect(diagnoseUnknownAction('glue:ShareResource')).toBeUndefined();
    expect(diagnoseUnknownAction('glue:ShareResources')).toMatchObject({ kind: 'unknown-action', service: 'glue' });
  });

  it('stays bounded on very long input', () => {
    expect(diagnoseUnknownAction('s3:' + 'x'.repeat(10_000))).toEqual({
      kind: 'unknown-action',
      service: 's3',
      suggestion: undefined,
    });
  });
});

describe('generated catalog index', () => {
  it('is present and generated from the installed catalog version', () => {
    expect(readCatalogIndex()).toBeDefined();
  });

  it('agrees with the full catalog on every action and on wildcard-only actions', () => {
    const all = listAllActions();
    expect([...expandActionPattern('*')].sort()).toEqual(all.map((a) => a.action).sort());
    expect(listWildcardOnlyActions().sort()).toEqual(
      all
        .filter((a) => a.wildcardOnly)
        .map((a) => a.action)
        .sort(),
    );
  });
});

describe('access level and `*`-only of every action, from the index', () => {
  // In a fresh module registry whose data module records the services loaded, so that no service
  // is loaded before the index answers.
  const loaded: string[] = [];
  let actions!: typeof ActionsModule;
  jest.isolateModules(() => {
    jest.doMock('../../src/catalog/data', () => {
      const real = jest.requireActual<typeof DataModule>('../../src/catalog/data');
      return {
        ...real,
        readActions: (service: string) => {
          loaded.push(service);
          return real.readActions(service);
        },
      };
    });
    actions = jest.requireActual<typeof ActionsModule>('../../src/catalog/actions');
  });
  const every = [...actions.expandActionPattern('*')];

  it('answers for every action without loading a service, as the full records do', () => {
    const fromIndex = every.map((a) => [a, actions.actionAccessLevel(a), actions.actionWildcardOnly(a)]);
    // Only the services whose resource types the catalog completes (OMITTED_TYPES) are read.
    expect([...new Set(loaded)].sort()).toEqual(['apigateway', 'cloudformation', 'elasticloadbalancing']);
    const fromRecords = every.map((a) => [a, getAction(a)?.accessLevel, getAction(a)?.wildcardOnly]);
    expect(fromIndex).toEqual(fromRecords);
  });

  it.each([
    ['a write', 'S3:putobject', 'Write', false],
    ['a read the reference files as permissions management', 'fsx:GetResourcePolicy', 'Read', false],
    ['an action that only accepts `*`', 'sts:GetCallerIdentity', 'Read', true],
    ['an action whose resource types the catalog omits', 'elasticloadbalancing:AddTags', 'Tagging', false],
    ['an unknown action', 's3:NoSuchAction', undefined, undefined],
    ['an unknown service', 'nosuch:GetObject', undefined, undefined],
    ['no service', 'GetObject', undefined, undefined],
  ])('%s: %s', (_name, action, level, only) => {
    expect([actions.actionAccessLevel(action), actions.actionWildcardOnly(action)]).toEqual([level, only]);
    expect([getAction(action)?.accessLevel, getAction(action)?.wildcardOnly]).toEqual([level, only]);
  });
});
