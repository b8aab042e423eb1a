/**
 * The user docs as a new user reads them: every link leads somewhere, every option written after
 * a command is an option of that command, every configuration shown is accepted, and the commands
 * whose outcome the docs state give that outcome through the real binaries (built by `npm test`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IamGuard, IamGuardAspect, IamGuardValidation } from '@iamgate/cdk-guard';
import { presetSeverities, resolveConfig } from '@iamgate/core';

const ROOT = path.join(__dirname, '../..');

/** The pages users read; `docs/rules/*` and `docs/configuration.md` are generated and checked elsewhere. */
const PAGES = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'configuration.md')
    .map((f) => `docs/${f}`),
  ...['core', 'tf-scan', 'cdk-guard']
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => fs.existsSync(path.join(ROOT, f))),
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .map((d) => `examples/${d}/README.md`)
    .filter((f) => fs.existsSync(path.join(ROOT, f))),
];

const BINS = {
  'tf-scan': ['packages/tf-scan/bin/tf-scan.js'],
  'cdk-guard': ['packages/cdk-guard/bin/cdk-guard.js'],
  'iamgate lint': ['packages/core/bin/iamgate.js', 'lint'],
  'iamgate simulate': ['packages/core/bin/iamgate.js', 'simulate'],
} as const;
type Command = keyof typeof BINS;

function read(page: string): string {
  return fs.readFileSync(path.join(ROOT, page), 'utf8');
}

function run(
  command: Command,
  args: readonly string[],
  cwd: string,
): { code: number | null; stdout: string; stderr: string } {
  const [bin, ...sub] = BINS[command];
  const result = spawnSync(process.execPath, [path.join(ROOT, bin), ...sub, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Block {
  readonly lang: string;
  readonly text: string;
}

/** Fenced code blocks, and indented ones (four spaces after a blank line) as `indented`. */
function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fenced = /^```(\w*)\n([\s\S]*?)^```/gm;
  for (const m of markdown.matchAll(fenced)) blocks.push({ lang: m[1] ?? '', text: m[2] ?? '' });
  const outside = markdown.replace(fenced, '');
  for (const m of outside.matchAll(/(?:^|\n\n)((?: {4}.*(?:\n|$))+)/g)) {
    blocks.push({ lang: 'indented', text: (m[1] ?? '').replace(/^ {4}/gm, '') });
  }
  return blocks;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1] ?? '')));
}

describe.each(PAGES)('%s', (page) => {
  const markdown = read(page);
  const dir = path.dirname(path.join(ROOT, page));

  test('every relative link leads to a file, and to a heading of it', () => {
    const broken: string[] = [];
    for (const m of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1] ?? '';
      if (/^[a-z]+:/.test(link)) continue;
      const [target = '', fragment] = link.split('#');
      const file = target === '' ? path.join(ROOT, page) : path.join(dir, target);
      if (!fs.existsSync(file)) broken.push(`${link}: no such file`);
      else if (fragment !== undefined && file.endsWith('.md') && !anchorsOf(file).has(fragment))
        broken.push(`${link}: no heading \`${fragment}\``);
    }
    expect(broken).toEqual([]);
  });

  test('every option written after a command is an option of that command', () => {
    const unknown: string[] = [];
    for (const block of codeBlocks(markdown)) {
      for (const line of block.text.split('\n')) {
        const m = /(?:^|\s|npx )(tf-scan|cdk-guard|iamgate (?:lint|simulate))\s(.*)$/.exec(line);
        if (!m) continue;
        const command = m[1] as Command;
        // The command's own words end at a comment, a pipe, a redirection or the next command.
        const words = (m[2] ?? '').split(/\s(?:#|\||>|&&|;)/)[0] ?? '';
        for (const option of words.match(/(?<=^|\s)--?[a-z][a-z-]*/g) ?? []) {
          if (!helpOf(command).includes(`${option} `) && !helpOf(command).includes(`${option},`))
            unknown.push(`${command} ${option}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  test('every configuration shown is accepted as written', () => {
    const configs: string[] = [];
    for (const block of codeBlocks(markdown)) {
      if (block.lang !== 'json') continue;
      const value = JSON.parse(block.text) as Record<string, unknown>;
      if (['extends', 'rules', 'boundary', 'trust', 'suppressions'].some((k) => k in value)) configs.push(block.text);
    }
    // Keys written inline, as `"rules": { "unverifiable": "error" }`.
    for (const m of markdown.matchAll(/`("(?:extends|rules|boundary|trust|suppressions)": [^`]+)`/g))
      configs.push(`{ ${m[1]} }`);
    for (const text of configs) {
      const result = resolveConfig(JSON.parse(text));
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
  });
});

const helpCache = new Map<Command, string>();
function helpOf(command: Command): string {
  let help = helpCache.get(command);
  if (help === undefined) {
    const result = run(command, ['--help'], ROOT);
    expect(result.code).toBe(0);
    help = result.stdout;
    helpCache.set(command, help);
  }
  return help;
}

/**
 * `npx tf-scan plan.json    # fails: ...`: a command in a shell block, after the `cd` lines before
 * it, whose comment states the outcome. Commands on files the reader makes first (a `cdk.out`)
 * are left to adoption.test.ts, which synthesizes the app.
 */
interface StatedRun {
  readonly page: string;
  readonly line: string;
  readonly command: Command;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly code: number;
}

function statedRuns(): StatedRun[] {
  const runs: StatedRun[] = [];
  for (const page of PAGES) {
    // A guide's blocks run in one shell: a `cd` in one holds for the next.
    let cwd = ROOT;
    for (const block of codeBlocks(read(page))) {
      if (block.lang !== 'sh') continue;
      for (const line of block.text.split('\n')) {
        const cd = /^cd (\S+)/.exec(line);
        if (cd) cwd = path.join(cwd, cd[1] ?? '');
        const m = /^npx (tf-scan|cdk-guard|iamgate lint) ([^#|>&;]*?)\s*#\s*(.*)$/.exec(line);
        if (!m) continue;
        const comment = m[3] ?? '';
        const code = /exit code 1|\bfails\b|refused/.test(comment)
          ? 1
          : /exit code 0|\bpasses\b|no findings/.test(comment)
            ? 0
            : undefined;
        const args = (m[2] ?? '').split(/\s+/).filter((a) => a !== '');
        // A `cdk.out` is what the block's synthesis before it writes: adoption.test.ts runs that story.
        if (code === undefined || args[0] === 'cdk.out' || !fs.existsSync(path.join(cwd, args[0] ?? ''))) continue;
        runs.push({ page, line, command: m[1] as Command, args, cwd, code });
      }
    }
  }
  return runs;
}

describe('commands whose outcome the docs state', () => {
  const runs = statedRuns();

  test('are found in the getting-started guides and the examples', () => {
    expect(new Set(runs.map((r) => r.page))).toEqual(
      new Set([
        'docs/getting-started-terraform.md',
        'examples/terraform/README.md',
        'examples/cloudformation/README.md',
      ]),
    );
  });

  test.each(runs.map((r) => [`${r.page}: ${r.line.trim()}`, r] as const))('%s', (_name, stated) => {
    const result = run(stated.command, stated.args, stated.cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(stated.code);
  });
});

describe('the simulate case format', () => {
  const markdown = read('docs/simulate.md');
  const section = /## The case format\n([\s\S]*?)\n## /.exec(markdown)?.[1] ?? '';
  const example = codeBlocks(section).find((b) => b.lang === 'json')?.text ?? '';
  const stated = /This one prints `(\w+)`/.exec(section)?.[1];

  test('its example prints the decision the page states', () => {
    expect(stated).toBeDefined();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'packages/core/bin/iamgate.js'), 'simulate', '-'], {
      input: example,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(stated);
  });

  test('its example is read as a case of a batch too', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'packages/core/bin/iamgate.js'), 'simulate', '--batch', '-'],
      { input: JSON.stringify(JSON.parse(example)) + '\n', encoding: 'utf8' },
    );
    expect(JSON.parse(result.stdout)).toEqual({ id: 'boundary-caps-read', decision: stated });
  });
});

describe('the Terraform guide', () => {
  test('shows the configuration file of the example it runs', () => {
    const markdown = read('docs/getting-started-terraform.md');
    const shown = codeBlocks(markdown).find((b) => b.lang === 'json')?.text ?? '{}';
    const file = fs.readFileSync(path.join(ROOT, 'examples/terraform/iamgate.config.json'), 'utf8');
    expect(JSON.parse(shown)).toEqual(JSON.parse(file));
  });
});

describe('the Access Analyzer page', () => {
  const recommended = presetSeverities('recommended');
  const rows = read('docs/access-analyzer-checks.md')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Access Analyzer check'));

  test('marks opt-in exactly the rows that need a rule the recommended preset leaves off', () => {
    const wrong = rows.flatMap((row) => {
      const [, iamgate = '', notes = ''] = row.split(' | ');
      const ids = [...iamgate.matchAll(/`([a-z-]+\/[a-z-]+)`/g)].map((m) => m[1] ?? '');
      const strictOnly = ids.filter((id) => !recommended.has(id as never));
      const marked = /opt-in/.test(notes);
      return marked === strictOnly.length > 0
        ? []
        : [`${marked ? 'marked' : 'not marked'} opt-in: ${row.slice(0, 100)}`];
    });
    expect(rows.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});

/**
 * The TypeScript snippets, run in a CDK app whose role may pass any role (`deployerRole`), with the
 * example's configuration as `config`: each one must run as written and do what its page says.
 */
describe('the CDK snippets', () => {
  const snippets = PAGES.flatMap((page) =>
    codeBlocks(read(page))
      .filter((b) => b.lang === 'ts')
      .map((b) => [page, b.text] as const),
  );

  function runSnippet(text: string, after?: (app: App) => void): string[] {
    const app = new App();
    const stack = new Stack(app, 'Docs');
    const deployerRole = new iam.Role(stack, 'Deployer', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
    });
    deployerRole.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    const config: unknown = JSON.parse(read('examples/cdk-app/iamgate.config.json'));
    const js = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const scope = {
      require,
      exports: {},
      app,
      deployerRole,
      config,
      Aspects,
      Validations,
      IamGuardAspect,
      IamGuard,
      IamGuardValidation,
    };
    // In the test's realm (jest runs each file in a context of its own), as an app's code runs.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the snippets of the docs are the code under test
    const snippet = new Function(...Object.keys(scope), js) as (...args: unknown[]) => void;
    snippet(...Object.values(scope));
    after?.(app);
    // Errors the guard leaves on constructs, or the validation report that fails the synthesis.
    try {
      const assembly = app.synth();
      return assembly.stacks.flatMap((s) =>
        s.messages
          .filter((m) => (m.level as string) === 'error')
          .map((m) => (typeof m.entry.data === 'string' ? m.entry.data : JSON.stringify(m.entry.data))),
      );
    } catch (error) {
      return [String(error)];
    }
  }

  test('are found on the pages that show the guard', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6);
  });

  test.each(snippets)('%s: the snippet runs as written', (_page, text) => {
    if (/IamGuard\.suppress/.test(text)) {
      // A suppression: the guard added after it reports the role's other problems, not this one.
      const errors = runSnippet(text, (app) => IamGuardAspect.addTo(app, {}));
      expect(errors).toEqual([]);
    } else {
      // The guard: the role's `iam:PassRole` on `*` fails the synthesis.
      expect(runSnippet(text).join('\n')).toContain('privilege-escalation/pass-role-wildcard');
    }
  });
});

describe('the YAML snippets of the deploy gate', () => {
  const blocks = codeBlocks(read('docs/deploy-gate.md')).filter((b) => b.lang === 'yaml');
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown> };
  const hooks = (parse(read('.pre-commit-hooks.yaml')) as { id: string }[]).map((h) => h.id);

  test('give the action only inputs it has, those in the comment included', () => {
    const step = blocks.map((b) => parse(b.text) as unknown).find(Array.isArray) as { with?: object }[] | undefined;
    const given = Object.keys(step?.[0]?.with ?? {});
    const commented = blocks.flatMap((b) =>
      [...b.text.matchAll(/#(.*)$/gm)].flatMap((c) =>
        [...(c[1] ?? '').matchAll(/\b([a-z-]+): \S/g)].map((m) => m[1] ?? ''),
      ),
    );
    expect(given.length).toBeGreaterThan(0);
    expect([...given, ...commented].filter((k) => !(k in action.inputs))).toEqual([]);
  });

  test('name hooks that .pre-commit-hooks.yaml defines', () => {
    const config = blocks.map((b) => parse(b.text) as { repos?: { hooks: { id: string }[] }[] }).find((v) => v.repos);
    const ids = config?.repos?.flatMap((r) => r.hooks.map((h) => h.id)) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !hooks.includes(id))).toEqual([]);
  });
});

test('every command answers `--version` with the version its reports carry', () => {
  const examples = path.join(ROOT, 'examples', 'policies');
  const versions = (['tf-scan', 'cdk-guard', 'iamgate lint'] as const).map((command) => {
    const result = run(command, ['--version'], examples);
    return { command, code: result.code, stdout: result.stdout, stderr: result.stderr };
  });
  const report = run('iamgate lint', ['--format', 'json', 'admin.json'], examples).stdout;
  const reported = (JSON.parse(report) as { tool: { version: string } }).tool.version;
  expect(reported).toMatch(/^\d+\.\d+\.\d+$/);
  expect(versions).toEqual(versions.map(({ command }) => ({ command, code: 0, stdout: `${reported}\n`, stderr: '' })));
});
