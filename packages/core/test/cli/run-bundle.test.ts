import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

// The loader is the plain JavaScript every bin starts with (packages/core/bin/run-bundle.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadCommand } = require('../../bin/run-bundle.js') as {
  loadCommand: (binDir: string, name: string, entry: string) => Record<string, unknown>;
};

const ROOT = path.join(__dirname, '../../../..');

/**
 * A package `@fixture/<name>` in a temporary node_modules: `dist/entry.js` on disk, and a bundle
 * of two modules (the entry requires a sibling, a built-in and a JSON file) that says it came
 * from the bundle.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function fixturePackage(): { binDir: string; dist: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iamgate-bundle-'));
  made.push(root);
  const pkg = path.join(root, 'node_modules', '@fixture', 'cmd');
  const dist = path.join(pkg, 'dist');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"@fixture/cmd","version":"1.0.0"}');
  fs.writeFileSync(path.join(dist, 'entry.js'), "exports.from = 'disk';");
  fs.writeFileSync(path.join(dist, 'data.json'), '{"answer":42}');
  fs.writeFileSync(path.join(dist, '.tsbuildinfo'), '{}');
  const modules = [
    '"@fixture/cmd:dist/entry.js": [function (exports, require, module, __filename, __dirname) {',
    "exports.from = require('./part').from; exports.file = __filename; exports.dir = __dirname;",
    "exports.sep = require('node:path').sep; exports.answer = require('./data.json').answer;",
    '}, {"./part": "@fixture/cmd:dist/part.js"}],',
    '"@fixture/cmd:dist/part.js": [function (exports) { exports.from = \'bundle\'; }, {}]',
  ].join('\n');
  fs.writeFileSync(
    path.join(dist, 'cmd.bundle.js'),
    `(function (start) { return start({${modules}}, "@fixture/cmd:dist/entry.js"); })`,
  );
  fs.writeFileSync(path.join(dist, 'cmd.bundle.json'), '{"packages":["@fixture/cmd"]}');
  // The bundle is built after the package (as `npm run build` does).
  const later = new Date(Date.now() + 1000);
  for (const file of ['cmd.bundle.js', 'cmd.bundle.json']) fs.utimesSync(path.join(dist, file), later, later);
  return { binDir: path.join(pkg, 'bin'), dist };
}

describe('run-bundle: a command starts from its bundle when it is there and current', () => {
  it('runs the bundled modules with their own file names, and requires the rest from disk', () => {
    const { binDir, dist } = fixturePackage();
    const real = fs.realpathSync(dist);
    expect(loadCommand(binDir, 'cmd', '../dist/entry.js')).toEqual({
      from: 'bundle',
      file: path.join(real, 'entry.js'),
      dir: real,
      sep: path.sep,
      answer: 42,
    });
  });

  it('reads a bundle its manifest says is ASCII as Latin-1, its escapes standing for the characters', () => {
    const { binDir, dist } = fixturePackage();
    const bundle = path.join(dist, 'cmd.bundle.js');
    const text = fs
      .readFileSync(bundle, 'utf8')
      .replace("exports.from = 'bundle';", "exports.from = '\\u00e9\\u2502';");
    const stat = fs.statSync(bundle);
    fs.writeFileSync(bundle, text);
    fs.writeFileSync(path.join(dist, 'cmd.bundle.json'), '{"packages":["@fixture/cmd"],"encoding":"latin1"}');
    for (const file of [bundle, path.join(dist, 'cmd.bundle.json')]) fs.utimesSync(file, stat.atime, stat.mtime);
    expect(loadCommand(binDir, 'cmd', '../dist/entry.js')).toMatchObject({ from: '\u00e9\u2502' });
  });

  it.each([
    [
      'there is no bundle',
      (dist: string) => {
        fs.rmSync(path.join(dist, 'cmd.bundle.js'));
      },
    ],
    [
      'the bundle is cut short',
      (dist: string) => {
        const file = path.join(dist, 'cmd.bundle.js');
        const text = fs.readFileSync(file, 'utf8');
        const stat = fs.statSync(file);
        fs.writeFileSync(file, text.slice(0, text.length / 2));
        fs.utimesSync(file, stat.atime, stat.mtime);
      },
    ],
    [
      'the bundle has no manifest',
      (dist: string) => {
        fs.rmSync(path.join(dist, 'cmd.bundle.json'));
      },
    ],
    [
      'the package was built after the bundle (`tsc -b` alone)',
      (dist: string) => {
        const later = new Date(Date.now() + 5000);
        fs.utimesSync(path.join(dist, '.tsbuildinfo'), later, later);
      },
    ],
  ])('loads the modules from disk when %s', (_, change) => {
    const { binDir, dist } = fixturePackage();
    change(dist);
    expect(loadCommand(binDir, 'cmd', '../dist/entry.js')).toEqual({ from: 'disk' });
  });
});

describe('the bundles of this build', () => {
  const bundles = ['core/dist/iamgate', 'tf-scan/dist/tf-scan', 'cdk-guard/dist/cdk-guard'];

  it.each(bundles)('packages/%s.bundle: ASCII only, as its manifest says (the loader reads it as Latin-1)', (name) => {
    const base = path.join(ROOT, 'packages', `${name}.bundle`);
    const bytes = fs.readFileSync(`${base}.js`);
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
    expect(JSON.parse(fs.readFileSync(`${base}.json`, 'utf8'))).toMatchObject({ encoding: 'latin1' });
  });

  it.each(bundles)('packages/%s.bundle: its code cache is accepted by this Node.js', (name) => {
    const base = path.join(ROOT, 'packages', `${name}.bundle`);
    const script = new vm.Script(fs.readFileSync(`${base}.js`, 'latin1'), {
      filename: `${base}.js`,
      cachedData: fs.readFileSync(`${base}.cache`),
    });
    expect(script.cachedDataRejected).toBe(false);
  });

  const run = (argv: string[]): string => execFileSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8' });
  const plan = path.join(ROOT, 'examples/terraform/plan.json');
  const fromDisk = (args: string[]): string =>
    run([
      '-e',
      `require(${JSON.stringify(path.join(ROOT, 'packages/tf-scan/dist/cli.js'))}).main(process.argv.slice(1))`,
      ...args,
    ]);

  it('tf-scan from its bundle writes the text the modules on disk write, its characters outside ASCII too', () => {
    const args = [plan, '--fail-on', 'never'];
    const bundled = run([path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js'), ...args]);
    expect(bundled).toMatch(/[^\x00-\x7f]/);
    expect(bundled).toBe(fromDisk(args));
  });

  it('tf-scan from its bundle reports what the modules on disk report', () => {
    const args = [plan, '--format', 'json', '--fail-on', 'never'];
    const bundled = run([path.join(ROOT, 'packages/tf-scan/bin/tf-scan.js'), ...args]);
    const withoutRunFacts = (text: string): unknown => {
      const report = JSON.parse(text) as { findings: unknown[] };
      return report.findings;
    };
    expect(withoutRunFacts(bundled)).toEqual(withoutRunFacts(fromDisk(args)));
    expect((JSON.parse(bundled) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });
});
