/**
 * Findings on a policy an adapter made of the sides of choices made at deploy (a template's
 * `Fn::If`, a mapping entry a parameter picks): each side is a statement of the analyzed document,
 * `statementPointers` says where it is written and `statementChoices` which side it is. A finding
 * on some sides names them; one on every side names none; the sides' order changes nothing a
 * baseline holds.
 */
import { choiceWords } from '../../src/analysis/choices';
import type { DeployChoice } from '../../src/analysis/choices';
import { runGuard } from '../../src/analysis/engine';
import type { Finding } from '../../src/analysis/finding';
import type { ResourceInput } from '../../src/analysis/input';
import { doc, input, only, source } from './helpers';

const PUBLIC = 'resource-exposure/public-principal';
const SEND = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' };
const ANYONE = { ...SEND, Principal: '*' };
const ANY_AWS = { ...SEND, Principal: { AWS: '*' } };
const CALLER = { ...SEND, Principal: { AWS: 'arn:aws:iam::111122223333:role/caller' } };
const SCHEDULER = { ...SEND, Principal: { Service: 'scheduler.amazonaws.com' } };
const READ_JOBS = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' },
  Action: 'sqs:ReceiveMessage',
  Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
};

const IS_PUBLIC: DeployChoice = [[{ condition: 'IsPublic', holds: true }]];
const NOT_PUBLIC: DeployChoice = [[{ condition: 'IsPublic', holds: false }]];
const [PROD, TEST, DEV] = ['prod', 'test', 'dev'].map((stage): DeployChoice => [
  [{ choice: '`Stage`', value: `\`${stage}\`` }],
]) as [DeployChoice, DeployChoice, DeployChoice];
const w = choiceWords;

/** One side of a choice: the statement analyzed, where it is written, what chooses it. */
type Side = readonly [statement: unknown, written: string, choice: DeployChoice | undefined];

/** A queue policy made of `sides`, in that order, judged by `rules`. */
function findings(sides: readonly Side[], rules = [PUBLIC]): readonly Finding[] {
  const policy = source('QueuePolicy', doc(...sides.map(([statement]) => statement)), {
    location: { file: 'template.yaml', logicalId: 'QueuePolicy' },
    statementPointers: sides.map(([, written]) => written),
    statementChoices: sides.map(([, , choice]) => choice),
  });
  const queue: ResourceInput = {
    id: 'QueuePolicy',
    type: 'AWS::SQS::QueuePolicy',
    arn: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    policy,
    location: policy.location,
  };
  return runGuard(input({ resources: [queue] }), only(rules)).findings;
}

const messages = (sides: readonly Side[]): string[] => findings(sides).map((f) => f.message);

/** Every order of `items`. */
function orders<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('a finding on sides of a choice made at deploy', () => {
  it.each<[string, readonly Side[], string]>([
    [
      'public on the true side of `Fn::If` only',
      [
        [ANYONE, '/Statement/0', IS_PUBLIC],
        [CALLER, '/Statement/0', NOT_PUBLIC],
      ],
      `(when ${w(IS_PUBLIC)})`,
    ],
    [
      'public on the false side of `Fn::If` only',
      [
        [CALLER, '/Statement/0', IS_PUBLIC],
        [ANYONE, '/Statement/0', NOT_PUBLIC],
      ],
      `(when ${w(NOT_PUBLIC)})`,
    ],
    [
      'public in one of three mapping entries',
      [
        [CALLER, '/Statement/0', PROD],
        [SCHEDULER, '/Statement/0', TEST],
        [ANYONE, '/Statement/0', DEV],
      ],
      `(when ${w(DEV)})`,
    ],
  ])('%s names that side', (_, sides, named) => {
    const shown = messages(sides);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.endsWith(` ${named}`)).toBe(true);
  });

  it('found on every side, it names none and is reported once', () => {
    const shown = messages([
      [ANYONE, '/Statement/0', IS_PUBLIC],
      [ANY_AWS, '/Statement/0', NOT_PUBLIC],
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]).not.toContain('(when');
  });

  it('found on two of three sides, it names both, in the order the sides are written', () => {
    const shown = messages([
      [ANYONE, '/Statement/0', PROD],
      [CALLER, '/Statement/0', TEST],
      [ANY_AWS, '/Statement/0', DEV],
    ]);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.endsWith(` (when ${w(PROD)}, or ${w(DEV)})`)).toBe(true);
  });

  it('a statement every deploy makes names no side, beside one that is chosen', () => {
    const result = findings([
      [ANYONE, '/Statement/0', undefined],
      [ANYONE, '/Statement/1', IS_PUBLIC],
      [CALLER, '/Statement/1', NOT_PUBLIC],
    ]);
    expect(result.map((f) => [f.location.pointer, f.message.includes('(when')])).toEqual([
      ['/Statement/0', false],
      ['/Statement/1', true],
    ]);
  });

  it('the sides of another written statement do not make it every side', () => {
    // Statement 0 is public on both of its sides; statement 1 on one of its two.
    const result = findings([
      [ANYONE, '/Statement/0', IS_PUBLIC],
      [ANY_AWS, '/Statement/0', NOT_PUBLIC],
      [ANYONE, '/Statement/1', PROD],
      [READ_JOBS, '/Statement/1', DEV],
    ]);
    expect(result.map((f) => [f.location.pointer, f.message.includes('(when')])).toEqual([
      ['/Statement/0', false],
      ['/Statement/1', true],
    ]);
    expect(result.find((f) => f.location.pointer === '/Statement/1')?.message.endsWith(`(when ${w(PROD)})`)).toBe(true);
  });
});

describe('fingerprints of a finding on sides of a choice', () => {
  const fingerprints = (sides: readonly Side[]): string[] => findings(sides).map((f) => f.fingerprint);

  it.each<[string, readonly Side[]]>([
    [
      'found on every side',
      [
        [ANYONE, '/Statement/0', IS_PUBLIC],
        [ANY_AWS, '/Statement/0', NOT_PUBLIC],
      ],
    ],
    [
      'found on two of three sides',
      [
        [ANYONE, '/Statement/0', PROD],
        [CALLER, '/Statement/0', TEST],
        [ANY_AWS, '/Statement/0', DEV],
      ],
    ],
    [
      'found on one of three sides',
      [
        [CALLER, '/Statement/0', PROD],
        [SCHEDULER, '/Statement/0', TEST],
        [ANYONE, '/Statement/0', DEV],
      ],
    ],
  ])('%s: the same whichever side is found first', (_, sides) => {
    const each = orders(sides).map(fingerprints);
    expect(each[0]).toHaveLength(1);
    for (const other of each.slice(1)) expect(other).toEqual(each[0]);
  });

  it('do not depend on the message: the sides named change it, not the fingerprint', () => {
    const one: Side[] = [
      [ANYONE, '/Statement/0', PROD],
      [CALLER, '/Statement/0', TEST],
    ];
    const renamed: Side[] = [
      [ANYONE, '/Statement/0', DEV],
      [CALLER, '/Statement/0', TEST],
    ];
    expect(messages(one)).not.toEqual(messages(renamed));
    expect(fingerprints(one)).toEqual(fingerprints(renamed));
  });

  it('the statement shown with a finding found on several sides is the first side found', () => {
    const policy = source('QueuePolicy', doc(ANYONE, ANY_AWS), { statementPointers: ['/Statement/0', '/Statement/0'] });
    const queue: ResourceInput = { id: 'Q', type: 'AWS::SQS::QueuePolicy', arn: undefined, policy, location: {} };
    const result = runGuard(input({ resources: [queue] }), only([PUBLIC]));
    expect(result.findings).toHaveLength(1);
    expect(result.statements?.get(result.findings[0]?.fingerprint ?? '')).toEqual(ANYONE);
  });

  it('findings of one rule that say different things on two sides keep fingerprints of their own', () => {
    const result = findings(
      [
        [SCHEDULER, '/Statement/0', IS_PUBLIC],
        [{ ...SEND, Principal: { Service: 'events.amazonaws.com' } }, '/Statement/0', NOT_PUBLIC],
      ],
      ['resource-exposure/confused-deputy'],
    );
    expect(
      result.map((f) => f.message.endsWith(`(when ${w(IS_PUBLIC)})`) || f.message.endsWith(`(when ${w(NOT_PUBLIC)})`)),
    ).toEqual([true, true]);
    expect(new Set(result.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('differ between written statements', () => {
    const [first, second] = fingerprints([
      [ANYONE, '/Statement/0', IS_PUBLIC],
      [CALLER, '/Statement/0', NOT_PUBLIC],
      [{ ...ANYONE, Sid: 'Other' }, '/Statement/1', IS_PUBLIC],
      [CALLER, '/Statement/1', NOT_PUBLIC],
    ]);
    expect(first).toBeDefined();
    expect(first).not.toEqual(second);
  });
});
