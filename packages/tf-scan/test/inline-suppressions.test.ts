/** `iamgate:suppress` comments in .tf text: which block each belongs to, its target, and bad directives. */
import { suppressionsOfText } from '../src/inline-suppressions';

const REASON = 'accepted after the review of the deploy role';

function read(text: string, prefix = ''): { targets: string[]; rules: string[]; errors: string[] } {
  const found = suppressionsOfText(text, 'main.tf', prefix);
  return {
    targets: found.suppressions.map((s) => `${s.target} ${s.source}`),
    rules: found.suppressions.map((s) => `${s.rule} ${s.expires ?? '-'} ${s.reason}`),
    errors: found.errors.map((e) => `${e.file} ${e.message}`),
  };
}

describe('iamgate:suppress comments', () => {
  it('a comment right above a block, or inside it at any depth, names that block for all its instances', () => {
    const text = [
      `# iamgate:suppress wildcard-action ${REASON}`,
      '',
      '// another comment between',
      'resource "aws_iam_role_policy" "deploy" {',
      '  policy = jsonencode({',
      '    Statement = [{',
      `      Action = "s3:*" # iamgate:suppress data-exfiltration ${REASON}`,
      '    }]',
      '  })',
      '}',
      'data "aws_iam_policy_document" "doc" {',
      `  /* iamgate:suppress privilege-escalation/pass-role-wildcard ${REASON} */`,
      '}',
      'module "workers" {',
      `  # iamgate:suppress admin-access ${REASON}`,
      '  source = "./workers"',
      '}',
    ].join('\n');
    expect(read(text, 'module.platform.').targets).toEqual([
      'module.platform.aws_iam_role_policy.deploy comment: main.tf:1',
      'module.platform.aws_iam_role_policy.deploy comment: main.tf:7',
      'module.platform.data.aws_iam_policy_document.doc comment: main.tf:12',
      'module.platform.module.workers.** comment: main.tf:15',
    ]);
  });

  it('a comment after a closing brace on its line is that block’s, not the next one’s', () => {
    const text = [
      'resource "aws_iam_role" "a" {',
      '}' + ` # iamgate:suppress trust-policy ${REASON}`,
      'resource "aws_iam_role" "b" {}',
    ].join('\n');
    expect(read(text).targets).toEqual(['aws_iam_role.a comment: main.tf:2']);
  });

  it('braces and comment marks inside strings, templates and heredocs are text', () => {
    const text = [
      'resource "aws_iam_role" "a" {',
      '  description = "a } and a # iamgate:suppress admin-access in text"',
      '  name = "${join("}", ["x", "{"])}-role"',
      '  assume_role_policy = <<-EOT',
      '    { "Statement": [] } }}}',
      '    # iamgate:suppress admin-access inside the heredoc',
      '  EOT',
      `  # iamgate:suppress trust-policy ${REASON}`,
      '}',
      'resource "aws_iam_role" "b" {}',
    ].join('\n');
    expect(read(text)).toEqual({
      targets: ['aws_iam_role.a comment: main.tf:8'],
      rules: [`trust-policy - ${REASON}`],
      errors: [],
    });
  });

  it('several rules, an expiry and the reason are read from the line', () => {
    const text = `resource "aws_iam_role" "a" { # iamgate:suppress wildcard-action,boundary/missing-required expires=2027-03-31 ${REASON}\n}`;
    expect(read(text).rules).toEqual([
      `wildcard-action 2027-03-31 ${REASON}`,
      `boundary/missing-required 2027-03-31 ${REASON}`,
    ]);
  });

  it('each bad directive is an error naming its file and line, in line order', () => {
    const text = [
      `# iamgate:ignore wildcard-action ${REASON}`,
      'resource "aws_iam_role" "a" {',
      `  # iamgate:suppress wildcard-actions ${REASON}`,
      '  # iamgate:suppress wildcard-action too short',
      `  # iamgate:suppress wildcard-action expires=2027-02-30 ${REASON}`,
      '  # iamgate:suppress',
      '}',
      'locals {',
      `  # iamgate:suppress wildcard-action ${REASON}`,
      '}',
      `# iamgate:suppress wildcard-action ${REASON}`,
    ].join('\n');
    const { targets, errors } = read(text);
    expect(targets).toEqual([]);
    expect(errors).toEqual([
      'main.tf line 1: unknown directive `iamgate:ignore`: write `iamgate:suppress RULE[,RULE] [expires=YYYY-MM-DD] REASON`',
      'main.tf line 3: unknown rule id or category `wildcard-actions` (did you mean `wildcard-action`?)',
      'main.tf line 4: a reason of at least 10 characters is required after the rules: say why the finding is accepted',
      'main.tf line 5: `expires` must be a date `YYYY-MM-DD`, found `2027-02-30`',
      'main.tf line 6: `iamgate:suppress` names no rule: write `iamgate:suppress RULE[,RULE] [expires=YYYY-MM-DD] REASON`',
      'main.tf line 9: `iamgate:suppress` applies to a `resource`, `data` or `module` block, not to `locals`',
      'main.tf line 11: `iamgate:suppress` must be inside a `resource`, `data` or `module` block, or right above one',
    ]);
  });

  it('a file without the mark is not scanned', () => {
    expect(read('resource "aws_iam_role" "a" {\n  # a comment\n}')).toEqual({ targets: [], rules: [], errors: [] });
  });
});
