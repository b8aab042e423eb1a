import type { GuardResult } from '../../src/analysis/finding';
import type { HtmlReportInput, PrincipalPermissionsView } from '../../src/report/formatters/html';
import { formatHtml } from '../../src/report/formatters/html';
import { CONTEXT, FINGERPRINT_A, RESULT } from '../report/fixture';

const HOSTILE = '<script>alert(1)</script>';

/** The fixture with a hostile value in every user-controlled string the page shows. */
const HOSTILE_RESULT: GuardResult = {
  ...RESULT,
  findings: RESULT.findings.map((f) => ({
    ...f,
    message: `${f.message} \`${HOSTILE}\``,
    principal: `${f.principal ?? ''}${HOSTILE}`,
    location: { ...f.location, file: `"'><img src=x onerror=alert(2)>` },
  })),
  suppressed: RESULT.suppressed.map((f) => ({ ...f, suppression: { ...f.suppression, reason: HOSTILE } })),
  errors: [{ file: HOSTILE, pointer: HOSTILE, message: HOSTILE }],
  statements: new Map([[FINGERPRINT_A, { Effect: 'Allow', Action: 'iam:PassRole', Resource: HOSTILE }]]),
};

const VIEW: PrincipalPermissionsView = {
  principal: 'module.api.aws_iam_role.app',
  kind: 'role',
  boundary: 'arn:aws:iam::111122223333:policy/app-boundary',
  summary: [
    {
      service: 'iam',
      accessLevel: 'Permissions management',
      allResources: 1,
      specificResources: 0,
      underConditions: 0,
      unknown: 0,
    },
    { service: 's3', accessLevel: 'Read', allResources: 0, specificResources: 3, underConditions: 0, unknown: 0 },
    { service: 's3', accessLevel: 'List', allResources: 2, specificResources: 0, underConditions: 0, unknown: 0 },
    {
      service: 'dynamodb',
      accessLevel: 'Write',
      allResources: 0,
      specificResources: 0,
      underConditions: 0,
      unknown: 4,
    },
  ],
  cutByBoundary: [
    { action: 'ec2:RunInstances', resource: '*' },
    { action: 'ec2:TerminateInstances', resource: '*' },
  ],
};

const WITH_VIEW: HtmlReportInput = { ...RESULT, principals: [VIEW] };

function cell(html: string, service: string, column: number): string {
  const row = new RegExp(`<tr><th scope="row"><code>${service}</code></th>(.*?)</tr>`).exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td class="([^"]*)"[^>]*>(.*?)<\/td>/g)].map((m) => `${m[1]}|${m[2]}`)[column] ?? '';
}

describe('html formatter', () => {
  const hostile = formatHtml(HOSTILE_RESULT, CONTEXT);

  test.each([
    ['no script element other than the page own one', (h: string) => h.match(/<script/gi)?.length, 1],
    ['no injected element from a file name', (h: string) => h.includes('<img'), false],
    ['the hostile value is shown escaped', (h: string) => h.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), true],
    ['attribute values cannot be closed by a quote', (h: string) => /data-principal="[^"]*<script/.test(h), false],
  ])('escapes user values: %s', (_name, probe, expected) => {
    expect(probe(hostile)).toBe(expected);
  });

  test.each([
    ['no remote URL', /https?:\/\//],
    ['no src attribute', /\ssrc=/],
    ['no link element', /<link\b/],
    ['no CSS import or url()', /@import|url\(/],
  ])('is self-contained: %s', (_name, pattern) => {
    expect(formatHtml(WITH_VIEW, CONTEXT)).not.toMatch(pattern);
  });

  test('forbids network access with a content security policy', () => {
    expect(formatHtml(RESULT, CONTEXT)).toContain(`content="default-src 'none';`);
  });

  test.each([
    ['error', '1'],
    ['warning', '1'],
    ['info', '0'],
    ['suppressed', '1'],
  ])('summary card for %s shows the count of the result', (kind, count) => {
    const html = formatHtml(RESULT, CONTEXT);
    expect(html).toMatch(new RegExp(`data-count="${kind}"><div class="count">${count}</div>`));
  });

  test.each([
    ['blocked when there is an error', RESULT, 'verdict-fail'],
    [
      'passing without errors',
      { ...RESULT, findings: [], errors: [], summary: { error: 0, warning: 0, info: 0, suppressed: 0 } },
      'verdict-pass',
    ],
    [
      'failing on input errors alone (the run exits 2)',
      {
        ...RESULT,
        findings: [],
        errors: [{ file: 'plan.json', message: 'expected an object' }],
        summary: { error: 0, warning: 0, info: 0, suppressed: 0 },
      },
      'verdict-fail',
    ],
  ])('verdict: %s', (_name, result, expected) => {
    expect(formatHtml(result, CONTEXT)).toContain(`class="verdict ${expected}"`);
  });

  test('groups findings by principal, worst first, with the offending statement', () => {
    const html = formatHtml(RESULT, CONTEXT);
    const sections = [...html.matchAll(/data-principal="([^"]+)"/g)].map((m) => m[1]);
    expect(sections).toEqual(['module.api.aws_iam_role.app', 'Api/AppRole']);
    const first = html.slice(
      html.indexOf('data-principal="module.api.aws_iam_role.app"'),
      html.indexOf('data-principal="Api/AppRole"'),
    );
    expect(first).toContain('privilege-escalation/pass-role-wildcard');
    expect(first).toContain('&quot;Action&quot;: &quot;iam:PassRole&quot;');
  });

  test('shows backticked values of a message as code', () => {
    expect(formatHtml(RESULT, CONTEXT)).toContain('may pass any role (<code>iam:PassRole</code> on <code>*</code>)');
  });

  test.each([
    ['every-resource permissions management is the highest risk', 'iam', 3, 'risk risk-4|1<span class="star">*</span>'],
    ['every-resource listing is a lower risk than writing', 's3', 0, 'risk risk-3|2<span class="star">*</span>'],
    ['reads of specific resources are scoped', 's3', 1, 'risk risk-2|3'],
    ['grants known only after deploy are marked unknown', 'dynamodb', 2, 'risk risk-1|4'],
    ['an access level without grant is empty', 'iam', 0, 'risk risk-0|'],
    ['the boundary cut counts the removed actions', 'ec2', 5, 'cut|2 cut'],
  ])('permission matrix: %s', (_name, service, column, expected) => {
    expect(cell(formatHtml(WITH_VIEW, CONTEXT), service, column)).toBe(expected);
  });

  test.each([
    ['with a boundary', VIEW, 'boundary <code>arn:aws:iam::111122223333:policy/app-boundary</code>'],
    ['without one', { ...VIEW, boundary: undefined }, 'no permissions boundary'],
  ])('principal header names its boundary: %s', (_name, view, expected) => {
    expect(formatHtml({ ...RESULT, principals: [view] }, CONTEXT)).toContain(expected);
  });

  test('counts principals scanned when the result lists them, including those without findings', () => {
    const clean: PrincipalPermissionsView = { principal: 'aws_iam_role.clean', summary: [] };
    const input: HtmlReportInput = { ...RESULT, principals: [VIEW, clean] };
    const html = formatHtml(input, CONTEXT);
    expect(html).toMatch(/<div class="count">2<\/div><div class="label">Principals scanned/);
    expect(html).toContain('data-principal="aws_iam_role.clean"');
  });

  test('keeps suppressed findings with their reason', () => {
    expect(formatHtml(RESULT, CONTEXT)).toContain('public website, by design');
  });
});
