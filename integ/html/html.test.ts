/**
 * The HTML report in a real browser: the page is rendered from real scans (the Terraform example
 * with a hostile statement id, and a plan whose boundary cuts grants), opened in headless
 * Chromium, and checked for console output, for its script having run and for its findings.
 * A screenshot is kept in integ/out/ (git-ignored) for a human to look at.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePolicy, runGuard } from '@iamgate/core';
import type { Policy, ScanInput } from '@iamgate/core';
import type { HtmlReportInput, PrincipalPermissionsView } from '../../packages/core/src/report/formatters/html';
import { formatHtml } from '../../packages/core/src/report/formatters/html';
import { effectivePermissions } from '../../packages/core/src/analysis/effective';
import { extractFiles } from '../../packages/tf-scan/src/scan';

const ROOT = path.join(__dirname, '../..');
const OUT = path.join(ROOT, 'integ/out');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const HOSTILE = '<script>alert(1)</script>';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--enable-logging=stderr',
  '--v=0',
];

if (CHROMIUM === undefined)
  console.warn('integ/html skipped: no chromium binary at /usr/bin/chromium (apt-get install -y chromium)');
const browserTest = CHROMIUM === undefined ? test.skip : test;

function parse(document: unknown): Policy | undefined {
  const parsed = parsePolicy(typeof document === 'string' ? (JSON.parse(document) as unknown) : document);
  return parsed.ok ? parsed.value : undefined;
}

/** Effective permissions of every principal, as the caller of the formatter would compute them. */
function views(input: ScanInput): PrincipalPermissionsView[] {
  return input.principals.map((p) => {
    const identityPolicies = p.policies.flatMap((a) => {
      const policy = parse(a.policy?.document);
      return policy ? [policy] : [];
    });
    const boundary = p.permissionsBoundary?.policy ? parse(p.permissionsBoundary.policy.document) : undefined;
    const effective = effectivePermissions(undefined, { identityPolicies, boundary, account: '111122223333' });
    return {
      principal: p.id,
      kind: p.kind,
      ...(p.permissionsBoundary ? { boundary: p.permissionsBoundary.policy?.name ?? 'a permissions boundary' } : {}),
      summary: effective.summary(),
      cutByBoundary: effective.cutByBoundary(),
    };
  });
}

/** Opens `file` in Chromium; returns the DOM after scripts ran and the console lines. */
function open(file: string, extra: readonly string[]): { dom: string; console: string[]; code: number | null } {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-chromium-'));
  try {
    const run = spawnSync(
      CHROMIUM ?? 'chromium',
      [...FLAGS, `--user-data-dir=${profile}`, ...extra, `file://${file}`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const consoleLines = run.stderr.split('\n').filter((l) => l.includes(':CONSOLE'));
    return { dom: run.stdout, console: consoleLines, code: run.status };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

describe('the HTML report in headless Chromium', () => {
  let page = '';
  let opened: ReturnType<typeof open> = { dom: '', console: [], code: null };

  beforeAll(async () => {
    // The Terraform example, with a table name no user should be able to inject into the page.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-html-'));
    const plan = fs.readFileSync(path.join(ROOT, 'examples/terraform/plan.json'), 'utf8');
    fs.writeFileSync(
      path.join(work, 'plan.json'),
      plan.replace(
        /\\"Resource\\":\\"\*\\",\\"Sid\\":\\"Orders\\"/g,
        JSON.stringify(`"Resource":"arn:aws:dynamodb:eu-west-1:111122223333:table/${HOSTILE}","Sid":"Orders"`).slice(
          1,
          -1,
        ),
      ),
    );
    // A plan whose boundary (s3, dynamodb, logs) cuts an EC2 grant of the bounded role.
    const bounded = fs.readFileSync(path.join(ROOT, 'integ/tf-scan/plans/boundary-same-plan.json'), 'utf8');
    const s3Grant = '\\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"arn:aws:s3:::app-data/*\\"}';
    fs.writeFileSync(
      path.join(work, 'bounded.json'),
      bounded
        .split(s3Grant)
        .join(`${s3Grant}, {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"ec2:RunInstances\\", \\"Resource\\": \\"*\\"}`),
    );
    const input = await extractFiles([path.join(work, 'plan.json'), path.join(work, 'bounded.json')]);
    const result = runGuard(input, {
      boundary: {
        required: true,
        allowed: ['arn:aws:iam::*:policy/app-boundary', 'arn:aws:iam::*:policy/boundaries/app-boundary'],
      },
    });
    const report: HtmlReportInput = { ...result, principals: views(input) };
    fs.mkdirSync(OUT, { recursive: true });
    page = path.join(OUT, 'report.html');
    fs.writeFileSync(page, formatHtml(report, { toolVersion: '0.1.0', color: false, command: 'tf-scan' }));
    if (CHROMIUM !== undefined) opened = open(page, ['--dump-dom']);
  });

  browserTest('the page script runs with no console message and no injected script', () => {
    const { dom, console: lines, code } = opened;
    expect(code).toBe(0);
    expect(lines).toEqual([]);
    expect(dom).toContain('data-ready="true"');
    expect(dom).not.toContain(HOSTILE);
    expect(dom.match(/<script/g)?.length).toBe(1);
  });

  browserTest.each([
    ['the blocking verdict', 'verdict-fail'],
    ['the pass-role finding', 'privilege-escalation/pass-role-wildcard'],
    ['the missing boundary finding', 'boundary/missing-required'],
    ['the role of the example', 'data-principal="aws_iam_role.orders_api"'],
    ['the hostile table name, escaped', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['the permission matrix', '<table class="matrix">'],
    ['the cut of the boundary of the second plan', 'class="cut" title='],
  ])('the rendered page shows %s', (_name, expected) => {
    expect(opened.dom).toContain(expected);
  });

  browserTest('a screenshot is saved for review', () => {
    const shot = path.join(OUT, 'report.png');
    fs.rmSync(shot, { force: true });
    const { code } = open(page, [`--screenshot=${shot}`, '--window-size=1280,1600']);
    expect(code).toBe(0);
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
  });
});
