/**
 * Agreement with the validation vectors of cloud-copilot/iam-policy (../shared/corpus/iam-policy):
 * a policy the vectors call invalid must get at least one error issue, a valid one none.
 * The vectors' own messages are not compared (their wording is theirs); only the verdicts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '@iamgate/core';
import type { PolicyType } from '@iamgate/core';

const root = join(__dirname, '../../../../../shared/corpus/iam-policy/src/validate');

interface Vector {
  readonly name: string;
  readonly policy?: unknown;
  readonly expectedErrors: readonly { path: string; message: string }[];
}

/** File name of a type-test file -> iamgate policy type; `null` for types iamgate does not model. */
const TYPE_FILES: Readonly<Record<string, PolicyType | null>> = {
  'identityPolicy.json': 'identity',
  'resourcePolicy.json': 'resource',
  'trustPolicy.json': 'trust',
  'scp.json': 'scp',
  'rcp.json': 'rcp',
  'sessionPolicy.json': 'session',
  // VPC endpoint policies are not a policy type of iamgate: reported below, not counted.
  'endpointPolicy.json': null,
};

/** The agreement reached (of 117 applicable vectors); lower fails as a regression. */
const MIN_AGREEMENT = 117;
/** Invalid vectors where one of our errors sits at the vector's path; lower fails as a regression. */
const MIN_LOCATED = 59;

/** The vectors' paths (`Statement[0].Condition.#ForSomeValue:StringEquals`) as JSON pointers. */
function toPointer(path: string): string {
  if (path === '') return '';
  const hash = path.indexOf('#');
  // After `#` comes one key, which may itself contain dots.
  const head = hash < 0 ? path : path.slice(0, hash);
  const tokens = head
    .split('.')
    .filter((t) => t !== '')
    .flatMap((t) => t.replace(/\[(\d+)\]/g, '.$1').split('.'));
  if (hash >= 0) tokens.push(path.slice(hash + 1));
  return tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

interface Case {
  readonly file: string;
  readonly vector: Vector;
  readonly type: PolicyType | undefined;
}

function loadCases(): { cases: Case[]; skipped: Case[] } {
  const cases: Case[] = [];
  const skipped: Case[] = [];
  for (const dir of ['validateTests', 'validateTypeTests']) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (!file.endsWith('.json')) continue;
      const vectors = JSON.parse(readFileSync(join(root, dir, file), 'utf8')) as Vector[];
      const mapped = dir === 'validateTypeTests' ? TYPE_FILES[file] : undefined;
      if (mapped === undefined && dir === 'validateTypeTests') throw new Error(`unmapped type file ${file}`);
      for (const vector of vectors) {
        const c = { file: `${dir}/${file}`, vector, type: mapped ?? undefined };
        (mapped === null ? skipped : cases).push(c);
      }
    }
  }
  return { cases, skipped };
}

test('iam-policy corpus verdicts agree with parsePolicy', () => {
  const { cases, skipped } = loadCases();
  expect(cases.length).toBeGreaterThan(100);
  const disagreements: string[] = [];
  const elsewhere: string[] = [];
  let agree = 0;
  let invalid = 0;
  let locatedAlike = 0;
  for (const { file, vector, type } of cases) {
    const result = parsePolicy(vector.policy, { type });
    const errors = result.issues.filter((i) => i.severity === 'error');
    const expectInvalid = vector.expectedErrors.length > 0;
    if (expectInvalid === errors.length > 0) {
      agree++;
      if (expectInvalid) {
        invalid++;
        const expected = vector.expectedErrors.map((e) => toPointer(e.path));
        if (errors.some((e) => expected.includes(e.pointer))) locatedAlike++;
        else
          elsewhere.push(
            `${file} "${vector.name}": expected at ${expected.join(', ')}, got ${errors.map((e) => e.pointer).join(', ')}`,
          );
      }
    } else {
      disagreements.push(
        `${file} "${vector.name}" (type ${type ?? 'none'}): expected ${expectInvalid ? 'invalid' : 'valid'}, got ` +
          (errors.length > 0 ? errors.map((e) => `${e.code} at ${e.pointer}`).join(', ') : 'no error'),
      );
    }
  }
  const summary =
    `iam-policy corpus: ${agree}/${cases.length} agree (${skipped.length} endpoint-policy vectors not applicable); ` +
    `of ${invalid} invalid ones, ${locatedAlike} with an error at the expected pointer`;
  console.log([summary, ...disagreements, 'errors reported elsewhere:', ...elsewhere].join('\n'));
  expect(agree).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  expect(locatedAlike).toBeGreaterThanOrEqual(MIN_LOCATED);
});
