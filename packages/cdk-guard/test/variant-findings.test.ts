/**
 * A statement written under `Fn::If` is checked on each side: a finding names the side it is found
 * on, and none when found on both sides of the condition. A finding said many times on one side (a
 * value written again and again in a large statement) is one finding, made at once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '@iamgate/core';
import { guardStacks } from '../src/guard';
import { loadInputs } from '../src/template/cloud-assembly';

const CDK_GUARD = join(__dirname, '..', 'bin', 'cdk-guard.js');
const dir = mkdtempSync(join(tmpdir(), 'cdk-guard-variant-findings-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Principal values IAM refuses (a wildcard within an ARN), each written `repeat` times. */
function invalidPrincipals(count: number, repeat: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    for (let k = 0; k < repeat; k++) out.push(`arn:aws:iam::111122223333:role/team-${i}-*`);
  return out;
}

function queuePolicy(whenProd: string[], otherwise: string[]): object {
  const statement = (principals: string[]): object[] => [
    {
      Effect: 'Allow',
      Principal: { AWS: principals },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] },
    },
  ];
  return {
    Parameters: { Env: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue' },
      QueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'Queue' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: { 'Fn::If': ['IsProd', statement(whenProd), statement(otherwise)] },
          },
        },
      },
    },
  };
}

async function findings(name: string, template: object): Promise<Finding[]> {
  writeFileSync(join(dir, name), JSON.stringify(template));
  const loaded = await loadInputs([name], dir);
  return guardStacks(loaded.stacks, {}).result.findings.filter((f) => f.ruleId === 'policy-validity/invalid-policy');
}

describe('findings on the sides of a statement written under Fn::If', () => {
  const WHEN_PROD = '(when condition `IsProd` is true)';

  it('a finding on both sides of one condition names no side', async () => {
    const found = await findings('both.json', queuePolicy(invalidPrincipals(3, 1), invalidPrincipals(3, 1)));
    expect(found).toHaveLength(3);
    expect(found.filter((f) => f.message.includes('(when'))).toEqual([]);
  });

  it('a finding on a side that cannot deploy, beside one that can, names its side', async () => {
    const found = await findings('one-side.json', queuePolicy(invalidPrincipals(3, 1), ['111122223333']));
    expect(found.map((f) => f.message.endsWith(WHEN_PROD))).toEqual([true, true, true]);
  });

  it('a finding said again on its side still names the side', async () => {
    const found = await findings('twice.json', queuePolicy(invalidPrincipals(3, 2), invalidPrincipals(2, 1)));
    expect(found.filter((f) => f.message.endsWith(WHEN_PROD))).toHaveLength(3);
    expect(found.filter((f) => f.message.endsWith('(when condition `IsProd` is false)'))).toHaveLength(2);
  });

  it('thousands of values said again and again on one side: one finding per message', () => {
    // The real binary with a time limit: a scan that hashes the statement again at every repeat
    // (minutes here) is a failed test, not a CI job that never ends.
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(queuePolicy(invalidPrincipals(40, 100), ['111122223333'])));
    const run = spawnSync(process.execPath, [CDK_GUARD, file, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter(
      (f) => f.ruleId === 'policy-validity/invalid-policy',
    );
    expect(found).toHaveLength(40);
    expect(new Set(found.map((f) => f.message)).size).toBe(40);
    expect(found.every((f) => f.message.endsWith(WHEN_PROD))).toBe(true);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(40);
  });
});

/** A role whose inline policy `app` is `document`, in a template with conditions `A`, `B` and `C`. */
function rolePolicy(document: unknown): object {
  return {
    Parameters: { Env: { Type: 'String' }, Mode: { Type: 'String' }, Stage: { Type: 'String' } },
    Conditions: {
      A: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      B: { 'Fn::Equals': [{ Ref: 'Mode' }, 'batch'] },
      C: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] },
    },
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          Policies: [{ PolicyName: 'app', PolicyDocument: document }],
        },
      },
    },
  };
}

const ifThen = (condition: string, whenTrue: unknown, whenFalse: unknown): unknown => ({
  'Fn::If': [condition, whenTrue, whenFalse],
});
const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
const TYPO = { Effect: 'Alow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' };
const FOUND_ALOW = 'policy `app` is invalid: `Effect` must be `Allow` or `Deny`, found `Alow`';

async function allFindings(name: string, template: object): Promise<readonly Finding[]> {
  writeFileSync(join(dir, name), JSON.stringify(template));
  const loaded = await loadInputs([name], dir);
  return guardStacks(loaded.stacks, {}).result.findings;
}

describe('a statement set apart on several sides is one finding', () => {
  it.each([
    [
      'a typo on one side of A, beside a Resource B chooses: one finding when A is false, B not named',
      [
        {
          Effect: ifThen('A', 'Allow', 'Alow'),
          Action: 's3:GetObject',
          Resource: ifThen('B', 'arn:aws:s3:::reports/*', 'arn:aws:s3:::archive/*'),
        },
      ],
      [`${FOUND_ALOW} (when condition \`A\` is false)`],
    ],
    [
      'a typo B chooses too (Alow or Dny): one finding on each side of B',
      [{ Effect: ifThen('A', 'Allow', ifThen('B', 'Alow', 'Dny')), Action: 's3:GetObject', Resource: '*' }],
      [
        `${FOUND_ALOW} (when condition \`A\` is false and condition \`B\` is true)`,
        'policy `app` is invalid: `Effect` must be `Allow` or `Deny`, found `Dny` (when condition `A` is false and condition `B` is false)',
      ],
    ],
    [
      'a whole Statement chosen by C with the typo on both sides: one finding without a side',
      ifThen('C', [TYPO], [READ, TYPO]),
      [FOUND_ALOW],
    ],
    [
      'a typo on one side of A within both sides of a whole Statement: one finding when A is false',
      ifThen(
        'C',
        [{ ...TYPO, Effect: ifThen('A', 'Allow', 'Alow') }],
        [READ, { ...TYPO, Effect: ifThen('A', 'Allow', 'Alow') }],
      ),
      [`${FOUND_ALOW} (when condition \`A\` is false)`],
    ],
  ])('%s', async (name, statement, expected) => {
    const found = await allFindings(
      `apart-${name.replace(/\W+/g, '-')}.json`,
      rolePolicy({ Version: '2012-10-17', Statement: statement }),
    );
    expect(
      found
        .filter((f) => f.ruleId === 'policy-validity/invalid-policy')
        .map((f) => f.message)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('a whole PolicyDocument chosen by C with the typo on both sides: one finding, and the side that reads is checked', async () => {
    const document = ifThen(
      'C',
      { Version: '2012-10-17', Statement: [TYPO] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, TYPO] },
    );
    const found = await allFindings('apart-document.json', rolePolicy(document));
    expect(found.filter((f) => f.ruleId === 'policy-validity/invalid-policy').map((f) => f.message)).toEqual([
      FOUND_ALOW,
    ]);
    expect(found.filter((f) => f.ruleId === 'privilege-escalation/pass-role-wildcard').map((f) => f.message)).toEqual([
      'role `Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role (when condition `C` is false)',
    ]);
  });

  it('the one finding keeps every side it is found on in its fingerprint', async () => {
    const statement = (archive: string): unknown => [
      {
        Effect: ifThen('A', 'Allow', 'Alow'),
        Action: 's3:GetObject',
        Resource: ifThen('B', 'arn:aws:s3:::reports/*', archive),
      },
    ];
    const fingerprint = async (name: string, archive: string): Promise<string | undefined> =>
      (await allFindings(name, rolePolicy({ Version: '2012-10-17', Statement: statement(archive) }))).find(
        (f) => f.ruleId === 'policy-validity/invalid-policy',
      )?.fingerprint;
    const first = await fingerprint('sides-1.json', 'arn:aws:s3:::archive/*');
    expect(first).toBeDefined();
    expect(await fingerprint('sides-2.json', 'arn:aws:s3:::archive/*')).toBe(first);
    expect(await fingerprint('sides-3.json', 'arn:aws:s3:::old/*')).not.toBe(first);
  });
});

describe('findings of statements under Fn::If in two templates scanned together', () => {
  it('the same logical ids in two templates: each template keeps its findings', async () => {
    const template = rolePolicy({
      Version: '2012-10-17',
      Statement: [{ ...TYPO, Effect: ifThen('A', 'Allow', 'Alow') }],
    });
    writeFileSync(join(dir, 'stage-a.json'), JSON.stringify(template));
    writeFileSync(join(dir, 'stage-b.json'), JSON.stringify(template));
    const loaded = await loadInputs(['stage-a.json', 'stage-b.json'], dir);
    const found = guardStacks(loaded.stacks, {}).result.findings.filter(
      (f) => f.ruleId === 'policy-validity/invalid-policy',
    );
    expect(found.map((f) => `${f.location.file ?? ''} ${f.message}`).sort()).toEqual([
      `stage-a.json ${FOUND_ALOW} (when condition \`A\` is false)`,
      `stage-b.json ${FOUND_ALOW} (when condition \`A\` is false)`,
    ]);
  });
});

describe('the sides of a whole policy document and of statements that keep their place', () => {
  const PASS_ANY = 'role `Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role';
  const PASS = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };

  it('a side of a whole PolicyDocument written as JSON text is checked like an object', async () => {
    const document = ifThen('C', JSON.stringify({ Version: '2012-10-17', Statement: [PASS] }), {
      Version: '2012-10-17',
      Statement: [READ],
    });
    const found = await allFindings('document-text-side.json', rolePolicy(document));
    expect(found.map((f) => f.message)).toEqual([`${PASS_ANY} (when condition \`C\` is true)`]);
  });

  it('a side of a whole PolicyDocument that is not a document is an input error, not skipped', async () => {
    writeFileSync(
      join(dir, 'document-number-side.json'),
      JSON.stringify(rolePolicy(ifThen('C', 5, { Version: '2012-10-17', Statement: [READ] }))),
    );
    const loaded = await loadInputs(['document-number-side.json'], dir);
    expect(guardStacks(loaded.stacks, {}).result.errors).toEqual([
      {
        file: 'document-number-side.json',
        pointer: '/Resources/Role/Properties/Policies/0/PolicyDocument',
        message: 'a side of the policy document chosen by `Fn::If` is not an object',
      },
    ]);
  });

  it('a statement made on one side only, at its own place, names its side', async () => {
    const found = await allFindings(
      'one-sided-in-place.json',
      rolePolicy({ Version: '2012-10-17', Statement: [ifThen('C', PASS, { Ref: 'AWS::NoValue' })] }),
    );
    expect(found.map((f) => [f.message, f.location.pointer])).toEqual([
      [`${PASS_ANY} (when condition \`C\` is true)`, '/Statement/0/Fn::If/1'],
    ]);
  });

  it('refused branches keep their fingerprints when the statements are reordered', async () => {
    const alow = { ...READ, Effect: ifThen('A', 'Allow', 'Alow') };
    const dny = { ...READ, Action: 's3:PutObject', Effect: ifThen('B', 'Deny', 'Dny') };
    const prints = async (name: string, statements: unknown[]): Promise<string[]> =>
      (await allFindings(name, rolePolicy({ Version: '2012-10-17', Statement: statements })))
        .map((f) => `${f.message} ${f.fingerprint}`)
        .sort();
    const forward = await prints('order-forward.json', [alow, dny]);
    expect(forward).toHaveLength(2);
    expect(await prints('order-backward.json', [dny, alow])).toEqual(forward);
  });

  it('hundreds of statements each split by three conditions: every refused branch once, at once', () => {
    // The real binary with a time limit: merging the refused branches pair by pair over the whole
    // document, again after each merge, took minutes here.
    const statements = Array.from({ length: 400 }, (_, i) => ({
      Effect: ifThen('A', 'Allow', 'Alow'),
      Action: ifThen('B', 's3:GetObject', 's3:ListBucket'),
      Resource: ifThen('C', `arn:aws:s3:::reports-${i}/*`, `arn:aws:s3:::archive-${i}/*`),
    }));
    const file = join(dir, 'many-statements.json');
    writeFileSync(file, JSON.stringify(rolePolicy({ Version: '2012-10-17', Statement: statements })));
    const run = spawnSync(process.execPath, [CDK_GUARD, file, '--format', 'json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.signal).toBeNull();
    const found = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter(
      (f) => f.ruleId === 'policy-validity/invalid-policy',
    );
    expect(found).toHaveLength(400);
    expect(found.every((f) => f.message === `${FOUND_ALOW} (when condition \`A\` is false)`)).toBe(true);
    expect(new Set(found.map((f) => f.location.pointer)).size).toBe(400);
  });
});

describe('the size of a policy whose statements are chosen by Fn::If', () => {
  const buckets = (prefix: string, count: number): string[] =>
    Array.from({ length: count }, (_, i) => `arn:aws:s3:::${prefix}-reports-bucket-${String(i)}/*`);
  const sizeFindings = async (name: string, statements: unknown[]): Promise<string[]> =>
    (await allFindings(name, rolePolicy({ Version: '2012-10-17', Statement: statements })))
      .filter((f) => f.ruleId === 'policy-validity/policy-size')
      .map((f) => f.message);

  it('each side under the quota, both sides together over it: no size finding', async () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ifThen('C', buckets('prod', 150), buckets('dev', 150)),
    };
    expect(await sizeFindings('size-sides.json', [statement])).toEqual([]);
  });

  it('the statements every deploy writes over the quota: reported', async () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: buckets('shared', 260) };
    const chosen = {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: ifThen('C', buckets('prod', 5), buckets('dev', 5)),
    };
    const found = await sizeFindings('size-everywhere.json', [statement, chosen]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^the inline policies of role `Role` have [\d,]+ characters together, over the 10,240 allowed for a role$/,
    );
  });

  // IAM measures the document a deploy writes: a side over the quota is refused whenever it deploys.
  const INLINE_OVER =
    /^the inline policies of role `Role` have [\d,]+ characters together, over the 10,240 allowed for a role/;

  it('every side over the quota, no statement shared: reported without a side', async () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ifThen('C', buckets('prod', 300), buckets('dev', 300)),
    };
    const found = await sizeFindings('size-every-side.json', [statement]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`${INLINE_OVER.source}$`));
  });

  it('one side over the quota: reported on that side', async () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ifThen('C', buckets('prod', 300), buckets('dev', 5)),
    };
    const found = await sizeFindings('size-one-side.json', [statement]);
    // What IAM measures when C is true: that side's document without white space.
    const size = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ ...statement, Resource: buckets('prod', 300) }],
    }).length;
    expect(found).toEqual([
      `the inline policies of role \`Role\` have ${size.toLocaleString('en-US')} characters together, over the 10,240 allowed for a role (when condition \`C\` is true)`,
    ]);
  });

  it('two conditions: only the way both large sides deploy together is over', async () => {
    const found = await sizeFindings('size-two-conditions.json', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: ifThen('C', buckets('prod', 150), buckets('dev', 2)) },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: ifThen('B', buckets('load', 150), buckets('test', 2)) },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      new RegExp(`${INLINE_OVER.source} \\(when condition \`C\` is true and condition \`B\` is true\\)$`),
    );
  });

  it('two inline policies on one condition: summed side by side, never the large sides of both', async () => {
    const template = rolePolicy({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ifThen('C', buckets('prod', 150), buckets('dev', 2)) },
      ],
    }) as { Resources: { Role: { Properties: { Policies: unknown[] } } } };
    const second = (whenTrue: string[], otherwise: string[]): unknown => ({
      PolicyName: 'more',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: ifThen('C', whenTrue, otherwise) }],
      },
    });
    const size = async (name: string, whenTrue: string[], otherwise: string[]): Promise<string[]> => {
      template.Resources.Role.Properties.Policies[1] = second(whenTrue, otherwise);
      return (await allFindings(name, template))
        .filter((f) => f.ruleId === 'policy-validity/policy-size')
        .map((f) => f.message);
    };
    expect(await size('size-apart-sides.json', buckets('load', 2), buckets('load', 150))).toEqual([]);
    const together = await size('size-same-side.json', buckets('load', 150), buckets('load', 2));
    expect(together).toHaveLength(1);
    expect(together[0]).toMatch(new RegExp(`${INLINE_OVER.source} \\(when condition \`C\` is true\\)$`));
  });

  it('a managed policy with one side over its quota: reported on that side', async () => {
    const template = {
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
      Resources: {
        Policy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: { 'Fn::If': ['C', [{ ...READ, Resource: buckets('prod', 170) }], [READ]] },
            },
          },
        },
      },
    };
    const found = (await allFindings('size-managed.json', template)).filter(
      (f) => f.ruleId === 'policy-validity/policy-size',
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^policy `Policy` has [\d,]+ characters, over the 6,144 of a managed policy \(when condition `C` is true\)$/,
      ),
    ]);
  });
});

describe('a statement chosen by Fn::If on many conditions', () => {
  /** A role whose policy reads `s3:GetObject` on one resource per condition `C0`..., each chosen by it. */
  const manyConditions = (count: number, firstOtherwise: string): object => {
    const conditions = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`C${String(i)}`, { 'Fn::Equals': [{ Ref: `P${String(i)}` }, 'on'] }]),
    );
    const parameters = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`P${String(i)}`, { Type: 'String' }]),
    );
    const resources = Array.from({ length: count }, (_, i) =>
      ifThen(
        `C${String(i)}`,
        `arn:aws:s3:::on-${String(i)}/*`,
        i === 0 ? firstOtherwise : `arn:aws:s3:::off-${String(i)}/*`,
      ),
    );
    const template = rolePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }],
    }) as { Parameters: object; Conditions: object };
    return { ...template, Parameters: parameters, Conditions: conditions };
  };

  it('seven conditions (128 ways): the ways the first one is false are checked too, and named', async () => {
    const found = await allFindings('seven-conditions.json', manyConditions(7, '*'));
    expect(found.filter((f) => f.ruleId === 'data-exfiltration/unscoped-read').map((f) => f.message)).toEqual([
      'role `Role` may read `s3:GetObject` on every resource (when condition `C0` is false)',
    ]);
  });

  it('nine conditions (512 ways): that statement is said not wholly checked, the others are checked', async () => {
    const template = manyConditions(9, '*') as {
      Resources: { Role: { Properties: { Policies: { PolicyDocument: { Statement: unknown[] } }[] } } };
    };
    template.Resources.Role.Properties.Policies[0]?.PolicyDocument.Statement.unshift({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
    });
    const found = await allFindings('nine-conditions.json', template);
    // The ways checked include C0 false, where the statement reads `*`.
    expect(found.map((f) => f.ruleId).sort()).toEqual([
      'admin-access/full-access',
      'data-exfiltration/unscoped-read',
      'unverifiable/unresolved-policy',
    ]);
    expect(found.find((f) => f.ruleId === 'unverifiable/unresolved-policy')?.message).toBe(
      'policy `app` could not be checked: statement /Statement/1 may deploy in more than 256 ways (its `Fn::If`s depend on many conditions): only the first 256 are checked',
    );
  });

  it('nine conditions, two Fn::If on one of them: the ways checked keep them on the same side', async () => {
    const template = manyConditions(9, 'arn:aws:s3:::off-0/*') as {
      Resources: {
        Role: {
          Properties: { Policies: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown[] }[] } }[] };
        };
      };
    };
    const statement = template.Resources.Role.Properties.Policies[0]?.PolicyDocument.Statement[0];
    if (statement !== undefined) {
      // iam:* only with one bucket's objects, s3:GetObject only with every resource: never iam:* on `*`.
      statement.Action = ifThen('C0', 'iam:*', 's3:GetObject');
      statement.Resource = [...statement.Resource.slice(1), ifThen('C0', 'arn:aws:s3:::only/*', '*')];
    }
    const found = await allFindings('nine-shared.json', template);
    expect(found.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([]);
  });

  it('six conditions each used twice (64 ways): every way is checked, none said unchecked', async () => {
    const template = manyConditions(6, '*') as {
      Resources: { Role: { Properties: { Policies: { PolicyDocument: { Statement: { Resource: unknown[] }[] } }[] } } };
    };
    const statement = template.Resources.Role.Properties.Policies[0]?.PolicyDocument.Statement[0];
    if (statement !== undefined) statement.Resource = [...statement.Resource, ...statement.Resource];
    const found = await allFindings('six-twice.json', template);
    expect(found.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'data-exfiltration/unscoped-read',
        'role `Role` may read `s3:GetObject` on every resource (when condition `C0` is false)',
      ],
    ]);
  });
});

describe('each error of a statement on the condition that makes it', () => {
  const ALOW_WHEN_A = `${FOUND_ALOW} (when condition \`A\` is false)`;
  const GETOBJCT = 'action `s3:GetObjct` does not exist in service `s3`; did you mean `s3:GetObject`?';
  const named = (found: readonly Finding[]): string[] =>
    found.map((f) => `${f.ruleId} ${f.message} ${f.location.pointer ?? ''}`).sort();

  it('a typo in Effect on A and one in Action on B: each once, on its own condition', async () => {
    const statement = {
      Effect: ifThen('A', 'Allow', 'Alow'),
      Action: ifThen('B', 's3:GetObject', 's3:GetObjct'),
      Resource: 'arn:aws:s3:::reports/*',
    };
    const found = await allFindings('two-typos.json', rolePolicy({ Version: '2012-10-17', Statement: [statement] }));
    // When A is false the statement is refused: what it says then is no side of B's choice.
    expect(named(found)).toEqual([
      `policy-validity/invalid-policy ${ALOW_WHEN_A} /Statement/0/Effect`,
      `policy-validity/unknown-action ${GETOBJCT} (when condition \`B\` is false) /Statement/0/Action`,
    ]);
  });

  it('two errors IAM refuses, on A and on B: each once, on its own condition', async () => {
    // When both are written IAM names the first (the Effect): the action is refused when B is false all the same.
    const statement = {
      Effect: ifThen('A', 'Allow', 'Alow'),
      Action: ifThen('B', 's3:GetObject', 's3GetObject'),
      Resource: 'arn:aws:s3:::reports/*',
    };
    const found = await allFindings('two-refusals.json', rolePolicy({ Version: '2012-10-17', Statement: [statement] }));
    expect(named(found)).toEqual([
      'policy-validity/invalid-policy policy `app` is invalid: `Action` `s3GetObject` must be `*` or `service:action` (when condition `B` is false) /Statement/0/Action',
      `policy-validity/invalid-policy ${ALOW_WHEN_A} /Statement/0/Effect`,
    ]);
  });

  it('a third condition on the Resource: a grant names the conditions it depends on, not the refused one', async () => {
    const statement = {
      Effect: ifThen('A', 'Allow', 'Alow'),
      Action: ifThen('B', 's3:GetObject', 's3:GetObjct'),
      Resource: ifThen('C', 'arn:aws:s3:::reports/*', '*'),
    };
    const found = await allFindings(
      'three-choices.json',
      rolePolicy({ Version: '2012-10-17', Statement: [statement] }),
    );
    expect(named(found)).toEqual([
      'data-exfiltration/unscoped-read role `Role` may read `s3:GetObject` on every resource (when condition `B` is true and condition `C` is false) /Statement/0',
      `policy-validity/invalid-policy ${ALOW_WHEN_A} /Statement/0/Effect`,
      `policy-validity/unknown-action ${GETOBJCT} (when condition \`B\` is false) /Statement/0/Action`,
    ]);
  });

  it('a Statement chosen by C with a refused side: the statements of the other side keep C', async () => {
    // A side written as its own statement is no variant of another: C is said, not dropped.
    const found = await allFindings(
      'chosen-statement-refused.json',
      rolePolicy({ Version: '2012-10-17', Statement: [ifThen('C', { ...READ, Resource: '*' }, TYPO)] }),
    );
    expect(named(found)).toEqual([
      'data-exfiltration/unscoped-read role `Role` may read `s3:GetObject` on every resource (when condition `C` is true) /Statement/0/Fn::If/1',
      `policy-validity/invalid-policy ${FOUND_ALOW} (when condition \`C\` is false) /Statement/0/Fn::If/2/Effect`,
    ]);
  });
});

describe('a finding under more than five conditions', () => {
  /** A role whose policy has `Effect` `Alow` only when conditions `C0`... `C{count-1}` are all true. */
  const nested = (count: number): object => {
    let effect: unknown = 'Alow';
    for (let i = count - 1; i >= 0; i--) effect = ifThen(`C${String(i)}`, effect, 'Allow');
    const names = Array.from({ length: count }, (_, i) => String(i));
    const template = rolePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
    });
    return {
      ...template,
      Parameters: Object.fromEntries(names.map((i) => [`P${i}`, { Type: 'String' }])),
      Conditions: Object.fromEntries(names.map((i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'on'] }])),
    };
  };

  it.each([
    [
      5,
      '(when condition `C0` is true and condition `C1` is true and condition `C2` is true and condition `C3` is true and condition `C4` is true)',
    ],
    [6, '(depending on conditions `C0`, `C1`, `C2`, `C3`, `C4` and `C5`)'],
    [7, '(depending on conditions `C0`, `C1`, `C2`, `C3`, `C4`, `C5` and `C6`)'],
  ])('%i conditions: %s', async (count, said) => {
    const found = await allFindings(`nested-${String(count)}.json`, nested(count));
    expect(found.map((f) => f.message)).toEqual([`${FOUND_ALOW} ${said}`]);
  });
});

describe('findings of statements written under a whole Fn::If point at their branch', () => {
  const PASS = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
  const pointers = (found: readonly Finding[]): string[] =>
    found.map((f) => `${f.ruleId} ${f.location.pointer ?? ''}`).sort();

  it('a whole Statement chosen by C: the refused branch and the one that reads, each where written', async () => {
    const found = await allFindings(
      'branch-pointers-statement.json',
      rolePolicy({ Version: '2012-10-17', Statement: ifThen('C', [READ], [TYPO, PASS]) }),
    );
    expect(pointers(found)).toEqual([
      'policy-validity/invalid-policy /Statement/Fn::If/2/0/Effect',
      'privilege-escalation/pass-role-wildcard /Statement/Fn::If/2/1',
    ]);
  });

  it('a whole PolicyDocument chosen by C: below the branch of the document', async () => {
    const found = await allFindings(
      'branch-pointers-document.json',
      rolePolicy(
        ifThen('C', { Version: '2012-10-17', Statement: [READ] }, { Version: '2012-10-17', Statement: [READ, PASS] }),
      ),
    );
    expect(pointers(found)).toEqual(['privilege-escalation/pass-role-wildcard /Fn::If/2/Statement/1']);
  });

  it('a statement written alike on both sides: one finding, without a side, at the first branch', async () => {
    const found = await allFindings(
      'branch-pointers-both.json',
      rolePolicy({ Version: '2012-10-17', Statement: ifThen('C', [PASS], [READ, PASS]) }),
    );
    expect(found.map((f) => [f.message, f.location.pointer])).toEqual([
      [
        'role `Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role',
        '/Statement/Fn::If/1/0',
      ],
    ]);
  });

  it('an element of the Statement list chosen by C: each finding in the branch that writes it', async () => {
    const found = await allFindings(
      'branch-pointers-element.json',
      rolePolicy({ Version: '2012-10-17', Statement: [ifThen('C', TYPO, PASS), READ] }),
    );
    expect(pointers(found)).toEqual([
      'policy-validity/invalid-policy /Statement/0/Fn::If/1/Effect',
      'privilege-escalation/pass-role-wildcard /Statement/0/Fn::If/2',
    ]);
  });

  it('an element chosen by C, alike in effect on both sides: one finding, without a side, at the first branch', async () => {
    const found = await allFindings(
      'branch-pointers-element-both.json',
      rolePolicy({
        Version: '2012-10-17',
        Statement: [ifThen('C', PASS, { ...PASS, Resource: ['*', 'arn:aws:s3:::reports/*'] })],
      }),
    );
    expect(found.map((f) => [f.message, f.location.pointer])).toEqual([
      [
        'role `Role` may pass any role (`iam:PassRole` on `*`), and so act with the permissions of any role',
        '/Statement/0/Fn::If/1',
      ],
    ]);
  });

  // A `Fn::If` decided before deploy resolves to one side: its step is still in the pointer.
  const withConditions = (template: object, conditions: object): object => ({
    ...template,
    Conditions: { ...(template as { Conditions: object }).Conditions, ...conditions },
  });
  const ALWAYS = { Always: { 'Fn::Equals': ['on', 'on'] } };

  it('a Fn::If decided before deploy above one on C: the findings point through both', async () => {
    const found = await allFindings(
      'branch-pointers-decided-outer.json',
      withConditions(
        rolePolicy({ Version: '2012-10-17', Statement: [ifThen('Always', ifThen('C', TYPO, PASS), READ)] }),
        ALWAYS,
      ),
    );
    expect(pointers(found)).toEqual([
      'policy-validity/invalid-policy /Statement/0/Fn::If/1/Fn::If/1/Effect',
      'privilege-escalation/pass-role-wildcard /Statement/0/Fn::If/1/Fn::If/2',
    ]);
  });

  it('a Fn::If decided by the side of the one above it (A fixes Env to prod, so D is false)', async () => {
    const found = await allFindings(
      'branch-pointers-decided-inner.json',
      withConditions(
        rolePolicy({ Version: '2012-10-17', Statement: [ifThen('A', ifThen('D', PASS, TYPO), READ), READ] }),
        { D: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      ),
    );
    expect(pointers(found)).toEqual(['policy-validity/invalid-policy /Statement/0/Fn::If/1/Fn::If/2/Effect']);
  });

  it('a statement under a Fn::If decided before deploy, no other choice: pointed at in its branch', async () => {
    const found = await allFindings(
      'branch-pointers-decided-only.json',
      withConditions(rolePolicy({ Version: '2012-10-17', Statement: [READ, ifThen('Always', PASS, READ)] }), ALWAYS),
    );
    expect(pointers(found)).toEqual(['privilege-escalation/pass-role-wildcard /Statement/1/Fn::If/1']);
  });

  const NEVER = { Never: { 'Fn::Equals': ['on', 'off'] } };
  const NO_VALUE = { Ref: 'AWS::NoValue' };
  it.each([
    [
      'two statements before it decided to AWS::NoValue',
      [ifThen('Never', READ, NO_VALUE), ifThen('Never', READ, NO_VALUE), TYPO],
      ['policy-validity/invalid-policy /Statement/2/Effect'],
    ],
    [
      'one before it decided to AWS::NoValue, one after it on C',
      [ifThen('Never', READ, NO_VALUE), PASS, ifThen('C', TYPO, READ)],
      [
        'policy-validity/invalid-policy /Statement/2/Fn::If/1/Effect',
        'privilege-escalation/pass-role-wildcard /Statement/1',
      ],
    ],
    [
      'AWS::NoValue written as an element before it',
      [NO_VALUE, PASS],
      ['privilege-escalation/pass-role-wildcard /Statement/1'],
    ],
  ])('a statement after %s: pointed at where written', async (_name, statements, expected) => {
    const found = await allFindings(
      'branch-pointers-novalue.json',
      withConditions(rolePolicy({ Version: '2012-10-17', Statement: statements }), NEVER),
    );
    expect(pointers(found)).toEqual(expected);
  });
});

describe('the size of a policy on sides its conditions cannot take together', () => {
  const buckets = (prefix: string): string[] =>
    Array.from({ length: 120 }, (_, i) => `arn:aws:s3:::${prefix}-reports-bucket-${String(i)}/*`);
  const large = (prefix: string): object => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: buckets(prefix) });
  const NO_VALUE = { Ref: 'AWS::NoValue' };
  /** A managed policy of two ~4.7k statements, each written on one side of its own condition. */
  const managed = (conditions: object, parameters: object, first: unknown, second: unknown): object => ({
    Parameters: { Env: { Type: 'String' }, Mode: { Type: 'String' }, ...parameters },
    Conditions: conditions,
    Resources: {
      Policy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [first, second] } },
      },
    },
  });
  const onTrue = [ifThen('IsProd', large('prod'), NO_VALUE), ifThen('IsDev', large('dev'), NO_VALUE)] as const;
  const onFalse = [ifThen('IsProd', NO_VALUE, large('prod')), ifThen('IsDev', NO_VALUE, large('dev'))] as const;
  // What IAM measures when both deploy: the document without white space, as JSON.stringify writes it.
  const both = JSON.stringify({ Version: '2012-10-17', Statement: [large('prod'), large('dev')] }).length;
  const IS_PROD = { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] };
  const over = (sides: string): string =>
    `policy \`Policy\` has ${both.toLocaleString('en-US')} characters, over the 6,144 of a managed policy (when ${sides})`;
  const bothTrue = over('condition `IsProd` is true and condition `IsDev` is true');

  it.each([
    [
      'one parameter equal to two texts: never both true',
      { IsProd: IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      {},
      onTrue,
      [],
    ],
    [
      'a condition and its Fn::Not: never both true',
      { IsProd: IS_PROD, IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] } },
      {},
      onTrue,
      [],
    ],
    [
      'a condition and the Fn::Not of an Fn::Or holding it: never both true',
      {
        IsProd: IS_PROD,
        IsDev: { 'Fn::Not': [{ 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Mode' }, 'x'] }] }] },
      },
      {},
      onTrue,
      [],
    ],
    [
      'a condition and an Fn::And holding it: both true when the other part is',
      { IsProd: IS_PROD, IsDev: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Mode' }, 'x'] }] } },
      {},
      onTrue,
      [bothTrue],
    ],
    [
      'two parameters: both true',
      { IsProd: IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Mode' }, 'dev'] } },
      {},
      onTrue,
      [bothTrue],
    ],
    [
      'one parameter, two texts: both false when it is a third',
      { IsProd: IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      {},
      onFalse,
      [over('condition `IsProd` is false and condition `IsDev` is false')],
    ],
    [
      'one parameter allowed only those two texts: never both false',
      { IsProd: IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
      onFalse,
      [],
    ],
  ])('%s', async (_name, conditions, parameters, statements, expected) => {
    const found = await allFindings('size-together.json', managed(conditions, parameters, ...statements));
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });

  const ENV = { Env: { Type: 'String', AllowedValues: ['prod', 'dev', 'qa'] } };
  const TIERS = { Tiers: { prod: { tier: 'gold' }, dev: { tier: 'bronze' }, qa: { tier: 'bronze' } } };
  const notQa = { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'qa'] }] };
  it.each([
    [
      'Fn::FindInMap by Env to a text no value of prod gives: never both true',
      { 'Fn::And': [notQa, { 'Fn::Equals': [{ 'Fn::FindInMap': ['Tiers', { Ref: 'Env' }, 'tier'] }, 'bronze'] }] },
      ENV,
      [],
    ],
    [
      'Fn::FindInMap by Env to the text prod gives: both true',
      { 'Fn::Equals': [{ 'Fn::FindInMap': ['Tiers', { Ref: 'Env' }, 'tier'] }, 'gold'] },
      ENV,
      [bothTrue],
    ],
    [
      'Fn::Join of Env equal to dev: never both true',
      {
        'Fn::Or': [
          { 'Fn::Equals': [{ Ref: 'Env' }, 'qa'] },
          { 'Fn::Equals': [{ 'Fn::Join': ['', [{ Ref: 'Env' }]] }, 'dev'] },
        ],
      },
      ENV,
      [],
    ],
    [
      'Fn::Sub of Env equal to prod, Env allowed any value: both true',
      { 'Fn::Equals': [{ 'Fn::Sub': '${Env}' }, 'prod'] },
      {},
      [bothTrue],
    ],
    [
      'Env equal to Mode, Mode equal to dev: never both true',
      { 'Fn::And': [{ 'Fn::Equals': [{ Ref: 'Mode' }, 'dev'] }, { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'Mode' }] }] },
      {},
      [],
    ],
    [
      'Env equal to Mode, Mode any value: both true',
      { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'Mode' }] },
      {},
      [bothTrue],
    ],
  ])('%s (IsDev reads Env through more than a comparison with a text)', async (_name, isDev, parameters, expected) => {
    const template = { ...managed({ IsProd: IS_PROD, IsDev: isDev }, parameters, ...onTrue), Mappings: TIERS };
    const found = await allFindings('size-read-whole.json', template);
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });

  const IS_US_EAST_1 = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] };
  const NOT_PROD = { 'Fn::Not': [{ Condition: 'IsProd' }] };
  it.each([
    ['the Region equal to a text and its Fn::Not: never both true', IS_US_EAST_1, NOT_PROD, []],
    [
      'the Region equal to two texts: never both true',
      IS_US_EAST_1,
      { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      [],
    ],
    [
      'the account equal to two texts: never both true',
      { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111122223333'] },
      { 'Fn::Equals': ['444455556666', { Ref: 'AWS::AccountId' }] },
      [],
    ],
    [
      'Env equal to Mode and its Fn::Not: never both true',
      { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'Mode' }] },
      NOT_PROD,
      [],
    ],
    ['the Region equal to a text and Env to another: both true', IS_US_EAST_1, IS_PROD, [bothTrue]],
    [
      'the Region equal to Env and its Fn::Not: never both true',
      { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'Env' }] },
      NOT_PROD,
      [],
    ],
  ])('%s (values known only at deploy, one each deploy)', async (_name, isProd, isDev, expected) => {
    const found = await allFindings(
      'size-deploy-values.json',
      managed({ IsProd: isProd, IsDev: isDev }, {}, ...onTrue),
    );
    expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
  });

  /** `Fn::Or` of `conditions`, nested where they are more than the 10 CloudFormation takes in one. */
  const anyOf = (conditions: readonly unknown[]): unknown => {
    if (conditions.length === 1) return conditions[0];
    if (conditions.length <= 10) return { 'Fn::Or': conditions };
    const size = Math.ceil(conditions.length / 10);
    return anyOf(
      Array.from({ length: Math.ceil(conditions.length / size) }, (_, i) =>
        anyOf(conditions.slice(i * size, (i + 1) * size)),
      ),
    );
  };
  it.each([
    [3, []],
    [40, []],
    // Past the work the search is allowed (what is left of 8 conditions comparing 6 parameters to
    // 400 texts each): any sides may go together, as when the search was not made.
    [400, [bothTrue]],
  ])(
    'IsProd, IsDev and six conditions on Env and a parameter of their own each compared to %i texts',
    async (texts, expected) => {
      const conditions: Record<string, unknown> = { IsProd: IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } };
      const parameters: Record<string, unknown> = {};
      for (let f = 0; f < 6; f++) {
        parameters[`Flag${String(f)}`] = { Type: 'String' };
        const named = Array.from({ length: texts }, (_, t) => ({
          'Fn::Equals': [{ Ref: `Flag${String(f)}` }, `on${String(t)}`],
        }));
        conditions[`Feature${String(f)}`] = { 'Fn::And': [{ Condition: 'IsProd' }, anyOf(named)] };
      }
      // 3 values of Env times (texts + 1) of each flag: 12,288 ways for 3 texts, far past 1,024.
      const found = await allFindings('size-many-values.json', managed(conditions, parameters, ...onTrue));
      expect(found.filter((f) => f.ruleId === 'policy-validity/policy-size').map((f) => f.message)).toEqual(expected);
    },
  );

  it('two inline policies of a role on a condition and its Fn::Not: never summed together', async () => {
    const policy = (name: string, statement: unknown): object => ({
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: name,
        Roles: [{ Ref: 'Role' }],
        PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
      },
    });
    const template = (isDev: unknown): object => {
      const big = (prefix: string): object => ({
        ...large(prefix),
        Resource: [...buckets(prefix), ...buckets(`${prefix}2`)],
      });
      return {
        Parameters: { Env: { Type: 'String' }, Mode: { Type: 'String' } },
        Conditions: { IsProd: IS_PROD, IsDev: isDev },
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
                ],
              },
            },
          },
          First: policy('first', ifThen('IsProd', big('prod'), NO_VALUE)),
          Second: policy('second', ifThen('IsDev', big('dev'), NO_VALUE)),
        },
      };
    };
    const sizes = async (name: string, isDev: unknown): Promise<string[]> =>
      (await allFindings(name, template(isDev)))
        .filter((f) => f.ruleId === 'policy-validity/policy-size')
        .map((f) => f.message);
    expect(await sizes('size-not-apart.json', { 'Fn::Not': [{ Condition: 'IsProd' }] })).toEqual([]);
    expect(await sizes('size-free-apart.json', { 'Fn::Equals': [{ Ref: 'Mode' }, 'dev'] })).toEqual([
      expect.stringMatching(/\(when condition `IsProd` is true and condition `IsDev` is true\)$/),
    ]);
  });

  describe('two AWS::IAM::Policy resources of a role, each created under its own Condition', () => {
    const big = (prefix: string): object => ({
      ...large(prefix),
      Resource: [...buckets(prefix), ...buckets(`${prefix}2`)],
    });
    const template = (isDev: unknown, second: unknown = big('dev')): object => ({
      Parameters: { Env: { Type: 'String' }, Mode: { Type: 'String' } },
      Conditions: { IsProd: IS_PROD, IsDev: isDev },
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
        ...Object.fromEntries(
          [
            ['First', 'IsProd', big('prod')],
            ['Second', 'IsDev', second],
          ].map(([id, condition, statement]) => [
            id,
            {
              Type: 'AWS::IAM::Policy',
              Condition: condition,
              Properties: {
                PolicyName: String(id).toLowerCase(),
                Roles: [{ Ref: 'Role' }],
                PolicyDocument: { Version: '2012-10-17', Statement: statement },
              },
            },
          ]),
        ),
      },
    });
    const sizes = async (name: string, written: object): Promise<string[]> =>
      (await allFindings(name, written))
        .filter((f) => f.ruleId === 'policy-validity/policy-size')
        .map((f) => f.message);
    // Each statement alone is under the 10,240 of a role's inline policies; both together are over.
    const one = JSON.stringify({ Version: '2012-10-17', Statement: big('prod') }).length;
    const together = one + JSON.stringify({ Version: '2012-10-17', Statement: big('dev') }).length;

    it('on one parameter equal to two texts: never created together, never summed', async () => {
      expect(one).toBeLessThan(10_240);
      expect(together).toBeGreaterThan(10_240);
      const isDev = { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] };
      expect(await sizes('size-resources-apart.json', template(isDev))).toEqual([]);
    });

    it('on a condition and its Fn::Not: never summed', async () => {
      const isDev = { 'Fn::Not': [{ Condition: 'IsProd' }] };
      expect(await sizes('size-resources-not.json', template(isDev))).toEqual([]);
    });

    it('on two parameters: summed when both are created, and said so', async () => {
      const isDev = { 'Fn::Equals': [{ Ref: 'Mode' }, 'dev'] };
      expect(await sizes('size-resources-free.json', template(isDev))).toEqual([
        `the inline policies of role \`Role\` have ${together.toLocaleString('en-US')} characters together, over the 10,240 allowed for a role (when condition \`IsProd\` is true and condition \`IsDev\` is true)`,
      ]);
    });

    it('one written as a list of statements: never summed either', async () => {
      const isDev = { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] };
      expect(await sizes('size-resources-list.json', template(isDev, [big('dev')]))).toEqual([]);
    });
  });
});
