/** Each formatter on a fixed result. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { GuardResult } from '../../src/analysis/finding';
import { FORMATTERS } from '../../src/report/formatters/index';
import type { FailOnLevel } from '../../src/report/types';
import { RULES } from '../../src/rules/index';
import { CONTEXT, FINGERPRINT_A, FINGERPRINT_C, RESULT } from './fixture';
import { runGuard } from '../../src/analysis/engine';
import { doc, role, source } from '../engine/helpers';

describe('json', () => {
  const report = JSON.parse(FORMATTERS.json(RESULT, CONTEXT)) as Record<string, unknown>;

  it('has the contract header and sections in order', () => {
    expect(Object.keys(report)).toEqual(['version', 'tool', 'findings', 'suppressed', 'errors', 'summary']);
    expect(report['version']).toBe(1);
    expect(report['tool']).toEqual({ name: 'iamgate', version: '0.1.0' });
    expect(report['summary']).toEqual({ error: 1, warning: 1, info: 0, suppressed: 1 });
  });

  it('writes findings with the contract fields only, and only the location fields that apply', () => {
    const [first, second] = report['findings'] as Record<string, unknown>[];
    expect(Object.keys(first ?? {})).toEqual([
      'ruleId',
      'category',
      'severity',
      'message',
      'location',
      'principal',
      'fingerprint',
      'evidence',
    ]);
    expect(first?.['location']).toEqual({
      file: 'plan.json',
      address: 'module.api.aws_iam_role_policy.app',
      pointer: '/Statement/1',
    });
    expect(Object.keys(second?.['location'] as object)).toEqual([
      'file',
      'stack',
      'logicalId',
      'constructPath',
      'pointer',
    ]);
    expect(second).not.toHaveProperty('evidence');
  });

  it('keeps suppressed findings with their suppression, and errors', () => {
    const [suppressed] = report['suppressed'] as Record<string, unknown>[];
    expect(suppressed?.['suppression']).toEqual({
      reason: 'public website, by design',
      expires: '2027-01-31',
      source: 'config: /suppressions/0',
    });
    expect(suppressed).not.toHaveProperty('principal');
    expect(report['errors']).toEqual([{ file: 'broken.json', pointer: '/Statement', message: 'expected an array' }]);
  });
});

describe('text', () => {
  const text = FORMATTERS.text(RESULT, CONTEXT);

  it('groups findings under their principal and shows the offending statement', () => {
    const lines = text.split('\n');
    const app = lines.indexOf('module.api.aws_iam_role.app');
    expect(app).toBeGreaterThanOrEqual(0);
    expect(lines[app + 1]).toMatch(
      /^ {2}error +role `module.api.aws_iam_role.app` may pass any role .* privilege-escalation\/pass-role-wildcard$/,
    );
    expect(lines[app + 2]).toContain('at plan.json module.api.aws_iam_role_policy.app #/Statement/1');
    expect(text).toContain('"Action": "iam:PassRole"');
    expect(lines).toContain('Api/AppRole');
  });

  it('ends with the counts', () => {
    expect(text.trimEnd().split('\n').pop()).toBe('2 findings (1 error, 1 warning, 0 infos), 1 suppressed');
  });

  it('uses colors only when asked', () => {
    expect(text).not.toContain('\u001b[');
    expect(FORMATTERS.text(RESULT, { ...CONTEXT, color: true })).toContain('\u001b[31merror');
  });

  it('cuts a long message and long statement lines, saying how much more --format json holds', () => {
    const sid = 'x'.repeat(2_000_000);
    const action = `s3:${'Get'.repeat(40_000)}`;
    const [first, ...rest] = RESULT.findings;
    const long: GuardResult = {
      ...RESULT,
      findings: [{ ...first!, message: `role \`app\` may call \`${action}\`` }, ...rest],
      statements: new Map([[FINGERPRINT_A, { Sid: sid, Effect: 'Allow', Action: action, Resource: '*' }]]),
    };
    const lines = FORMATTERS.text(long, CONTEXT).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(2_200);
    const message = lines.find((l) => l.includes('may call'));
    expect(message).toMatch(
      /\.\.\. \(118\d{3} more characters: --format json has them all\) {2}privilege-escalation\/pass-role-wildcard$/,
    );
    expect(lines.find((l) => l.includes('"Sid"'))).toMatch(/"Sid": "x+\.\.\. \(1999\d{3} more characters/);
    expect(lines.some((l) => l.includes('"Effect": "Allow"'))).toBe(true);
    // JSON keeps every character.
    const json = JSON.parse(FORMATTERS.json(long, CONTEXT)) as { findings: { message: string }[] };
    expect(json.findings[0]?.message).toContain(action);
  });

  it('says so when there is nothing to report', () => {
    const empty = {
      ...RESULT,
      findings: [],
      suppressed: [],
      errors: [],
      summary: { error: 0, warning: 0, info: 0, suppressed: 0 },
    };
    expect(FORMATTERS.text(empty, CONTEXT)).toBe('no findings\n');
  });
});

describe('github', () => {
  const lines = FORMATTERS.github(RESULT, CONTEXT).trimEnd().split('\n');

  it('writes one workflow command per finding and input error, escaping properties and data', () => {
    expect(lines).toEqual([
      '::error file=plan.json,title=iamgate privilege-escalation/pass-role-wildcard::role `module.api.aws_iam_role.app` may pass any role (`iam:PassRole` on `*`)',
      '::warning file=cdk.out/Api.template.json,title=iamgate wildcard-action/service-wildcard::role `Api/AppRole` is allowed every `s3` action (`s3:*`), a|b',
      '::error file=broken.json,title=iamgate input error::/Statement: expected an array',
    ]);
  });

  it('escapes newlines and percent signs', () => {
    const [finding] = RESULT.findings;
    const odd = {
      ...RESULT,
      errors: [],
      findings: [{ ...finding!, message: '100% bad\nsecond', location: { file: 'a,b:c.json' } }],
    };
    expect(FORMATTERS.github(odd, CONTEXT)).toBe(
      '::error file=a%2Cb%3Ac.json,title=iamgate privilege-escalation/pass-role-wildcard::100%25 bad%0Asecond\n',
    );
  });
});

describe('a finding whose resource is declared in a source file (a plan beside its .tf files)', () => {
  const [finding] = RESULT.findings;
  const declared = {
    ...RESULT,
    errors: [],
    findings: [
      {
        ...finding!,
        location: { ...finding!.location, declared: { file: 'infra/main.tf', line: 42 } },
      },
    ],
  };

  it('GitHub annotates the line of the declaration', () => {
    expect(FORMATTERS.github(declared, CONTEXT)).toMatch(/^::error file=infra\/main\.tf,line=42,title=iamgate /);
  });

  it('SARIF points at the declaration with its line', () => {
    const log = JSON.parse(FORMATTERS.sarif(declared, CONTEXT)) as {
      runs: { results: { locations: { physicalLocation: unknown }[] }[] }[];
    };
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/main.tf' },
      region: { startLine: 42 },
    });
  });

  it('text names the plan, then the file and line of the declaration; a source file alone takes its line', () => {
    const text = FORMATTERS.text(declared, CONTEXT);
    expect(text).toContain(`at plan.json module.api.aws_iam_role_policy.app`);
    expect(text).toMatch(/#\/Statement\/\d+ \(infra\/main\.tf:42\)/);
    const inSource = {
      ...declared,
      findings: [
        {
          ...finding!,
          location: { file: 'main.tf', address: 'aws_iam_role.app', declared: { file: 'main.tf', line: 7 } },
        },
      ],
    };
    expect(FORMATTERS.text(inSource, CONTEXT)).toContain('at main.tf:7 aws_iam_role.app');
  });

  it('the JSON report keeps to its location keys', () => {
    const report = JSON.parse(FORMATTERS.json(declared, CONTEXT)) as { findings: { location: object }[] };
    expect(Object.keys(report.findings[0]?.location ?? {})).not.toContain('declared');
  });
});

describe('markdown', () => {
  const markdown = FORMATTERS.markdown(RESULT, CONTEXT);

  it('summarizes counts in a table', () => {
    expect(markdown).toContain('| 1 | 1 | 0 | 1 |');
    expect(markdown.split('\n')[0]).toBe(
      '## :x: iamgate failed: 1 input error (exit 2), part of the input was not checked',
    );
  });

  it('lists the top findings with pipes escaped', () => {
    expect(markdown).toContain('| :x: | `privilege-escalation/pass-role-wildcard` | module.api.aws_iam_role.app |');
    expect(markdown).toContain('(`s3:*`), a\\|b');
    expect(markdown).toContain('- `broken.json` `/Statement`: expected an array');
  });
});

describe('the markdown and html headlines follow --fail-on', () => {
  const warningOnly: GuardResult = {
    ...RESULT,
    findings: RESULT.findings.filter((f) => f.severity === 'warning'),
    errors: [],
    summary: { error: 0, warning: 1, info: 0, suppressed: 1 },
  };
  const headline = (format: 'markdown' | 'html', result: GuardResult, failOn?: FailOnLevel): string => {
    const report = FORMATTERS[format](result, { ...CONTEXT, ...(failOn ? { failOn } : {}) });
    return format === 'markdown'
      ? (report.split('\n')[0] ?? '')
      : (/<div class="verdict ([^"]*)" id="verdict">([^<]*)</.exec(report)?.slice(1).join(': ') ?? '');
  };

  it.each([
    ['markdown', undefined, '## :white_check_mark: iamgate passed: no finding at error'],
    ['markdown', 'error', '## :white_check_mark: iamgate passed: no finding at error'],
    [
      'markdown',
      'warning',
      '## :x: iamgate failed: 1 finding at warning or above blocks the change (`--fail-on warning`)',
    ],
    ['markdown', 'never', '## :white_check_mark: iamgate passed: no finding fails the run (`--fail-on never`)'],
    ['html', 'error', 'verdict-pass: passed: no finding at error'],
    ['html', 'warning', 'verdict-fail: failed: 1 finding at warning or above blocks the change (--fail-on warning)'],
  ] as const)('%s, a warning-only run with --fail-on %s', (format, failOn, expected) => {
    expect(headline(format, warningOnly, failOn)).toBe(expected);
  });

  it.each(['markdown', 'html'] as const)(
    '%s: input errors fail the run (exit 2) even with --fail-on never',
    (format) => {
      expect(headline(format, RESULT, 'never')).toContain('failed: 1 input error (exit 2)');
    },
  );

  it('counts errors in words that agree with their number', () => {
    const twoErrors: GuardResult = {
      ...RESULT,
      errors: [],
      summary: { error: 2, warning: 1, info: 0, suppressed: 1 },
    };
    expect(headline('markdown', twoErrors, 'error')).toBe(
      '## :x: iamgate failed: 2 errors block the change (`--fail-on error`)',
    );
    expect(headline('markdown', twoErrors, 'info')).toContain('3 findings at info or above block the change');
  });
});

describe('sarif', () => {
  const log = JSON.parse(FORMATTERS.sarif(RESULT, CONTEXT)) as {
    runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
  };

  // The official schema ships in the platform package of Microsoft's SARIF multitool.
  const platformPackage = ['linux', 'darwin', 'win32']
    .map((platform) => `@microsoft/sarif-multitool-${platform}/package.json`)
    .find((name) => {
      try {
        require.resolve(name);
        return true;
      } catch {
        return false;
      }
    });
  if (platformPackage === undefined) throw new Error('@microsoft/sarif-multitool is not installed: run npm ci');
  const schemaPath = join(require.resolve(platformPackage), '..', 'sarif-2.1.0.json');
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
    JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>,
  );

  it('validates against the SARIF 2.1.0 JSON Schema', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates on an engine result with resources, suppressions and unverifiable findings', () => {
    const result = runGuard(
      {
        principals: [
          role('Api/AppRole', [
            source('AppRoleDefaultPolicy', doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })),
          ]),
        ],
        resources: [
          {
            id: 'aws_s3_bucket_policy.site',
            type: 'aws_s3_bucket_policy',
            arn: undefined,
            policy: source(
              'aws_s3_bucket_policy.site',
              doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }),
            ),
            location: { file: 'plan.json', address: 'aws_s3_bucket_policy.site' },
          },
        ],
        policies: [
          {
            type: 'identity',
            policy: source('dynamic', undefined, { unresolved: { reason: 'built at run time', references: [] } }),
          },
        ],
        errors: [],
      },
      {
        suppressions: [
          { rule: 'resource-exposure', target: 'aws_s3_bucket_policy.*', reason: 'public website by design' },
        ],
      },
    );
    expect(result.suppressed).toHaveLength(1);
    const valid = validate(JSON.parse(FORMATTERS.sarif(result, CONTEXT)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes every rule and refers to it by index', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const [first] = run.results;
    expect(run.tool.driver.rules[first?.['ruleIndex'] as number]?.id).toBe('privilege-escalation/pass-role-wildcard');
  });

  it('carries fingerprints, logical locations and suppressions', () => {
    const results = log.runs[0]!.results;
    expect(results[0]?.['partialFingerprints']).toEqual({ 'iamgateFingerprint/v1': FINGERPRINT_A });
    expect(results[0]?.['locations']).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'plan.json' } },
        logicalLocations: [
          { fullyQualifiedName: 'module.api.aws_iam_role_policy.app', kind: 'resource' },
          { fullyQualifiedName: 'module.api.aws_iam_role.app', kind: 'principal' },
        ],
      },
    ]);
    const suppressed = results.find(
      (r) => (r['partialFingerprints'] as Record<string, string>)['iamgateFingerprint/v1'] === FINGERPRINT_C,
    );
    expect(suppressed?.['suppressions']).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'public website, by design',
        properties: { source: 'config: /suppressions/0', expires: '2027-01-31' },
      },
    ]);
    expect(results.map((r) => r['level'])).toEqual(['error', 'warning', 'error']);
  });
});
