#!/usr/bin/env node
'use strict';
/**
 * Bundles each command line (`iamgate`, `tf-scan`, `cdk-guard`) into one file and warms V8's code
 * cache for it, after `tsc -b` (the `postbuild` step). Starting a command from ~150 compiled
 * modules costs ~0.1 s of resolving, reading and compiling before any work; one file compiled
 * from its code cache (packages/core/bin/run-bundle.js) costs a few milliseconds.
 *
 * The bundle holds the modules of this repository's packages that the entry reaches through
 * literal `require` calls (lazy ones included: a module runs on its first `require`, as before).
 * Everything else (Node built-ins, dependencies, generated validators, data files) is required
 * from the module's own place on disk, so each module sees its usual `__filename`/`__dirname`.
 *
 * For `dist/<command>.bundle.js` it writes:
 *   - the bundle: `(function (load) { ... })`, a table of module functions and their require maps;
 *   - `<command>.bundle.json`: the packages whose modules it holds (the loader resolves their
 *     folders, and runs the plain modules instead when a package was built after the bundle), and
 *     the bundle's encoding (ASCII only, read as Latin-1: see `asciiOnly`);
 *   - `<command>.bundle.cache`: V8's code cache, written by running the command once on a sample
 *     input, so that the functions a scan runs are cached compiled too.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const PACKAGES = {
  '@iamgate/core': 'packages/core',
  '@iamgate/tf-scan': 'packages/tf-scan',
  '@iamgate/cdk-guard': 'packages/cdk-guard',
};

/** The commands: their package, entry module, and a run that exercises the code of a typical use. */
const COMMANDS = [
  {
    name: 'iamgate',
    pkg: '@iamgate/core',
    entry: 'dist/cli/main.js',
    bin: 'bin/iamgate.js',
    warm: ['lint', 'examples/policies', '--format', 'json', '--fail-on', 'never'],
  },
  {
    name: 'tf-scan',
    pkg: '@iamgate/tf-scan',
    entry: 'dist/cli.js',
    bin: 'bin/tf-scan.js',
    warm: ['examples/terraform/plan.json', '--format', 'json', '--fail-on', 'never'],
  },
  {
    name: 'cdk-guard',
    pkg: '@iamgate/cdk-guard',
    entry: 'dist/cli.js',
    bin: 'bin/cdk-guard.js',
    warm: ['examples/cloudformation/template.yaml', '--format', 'json', '--fail-on', 'never'],
  },
];

const REQUIRE = /\brequire\((["'])([^"'\n]+)\1\)/g;

/** `pkg:relative/path.js` of a file of one of the packages, or undefined for any other file. */
function idOf(file) {
  for (const [pkg, dir] of Object.entries(PACKAGES)) {
    const root = path.join(ROOT, dir) + path.sep;
    if (file.startsWith(root)) return `${pkg}:${file.slice(root.length).split(path.sep).join('/')}`;
  }
  return undefined;
}

function fileOf(id) {
  const [pkg, relative] = id.split(':');
  return path.join(ROOT, PACKAGES[pkg], relative);
}

/** The file a literal request names, when it is a module of the packages; else undefined (required at run time). */
function resolveRequest(request, from) {
  let base;
  if (request.startsWith('./') || request.startsWith('../')) base = path.resolve(path.dirname(from), request);
  else if (PACKAGES[request] !== undefined) return path.join(ROOT, PACKAGES[request], 'dist/index.js');
  else return undefined;
  for (const candidate of [base, `${base}.js`, `${base}.json`, path.join(base, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Modules reachable from the entry, each with its source and the ids of its literal requests. */
function collect(entryFile) {
  const modules = new Map();
  const pending = [entryFile];
  while (pending.length > 0) {
    const file = pending.pop();
    const id = idOf(file);
    if (id === undefined || modules.has(id)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const requires = {};
    // A bundle runs from a vm.Script, where `import()` has no loader: modules load with `require`.
    if (/\bimport\(/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) {
      throw new Error(`${path.relative(ROOT, file)}: dynamic import() cannot run from a bundle; use require`);
    }
    if (!file.endsWith('.json')) {
      for (const match of text.matchAll(REQUIRE)) {
        const target = resolveRequest(match[2], file);
        const targetId = target === undefined ? undefined : idOf(target);
        // Generated validators and data stay files of their own: required from disk when used.
        if (targetId === undefined || /:(generated|data)\//.test(targetId)) continue;
        requires[match[2]] = targetId;
        pending.push(target);
      }
    }
    modules.set(id, { text, requires });
  }
  return modules;
}

function moduleSource(id, { text, requires }) {
  // The source map comment would point from the bundle to the wrong file: dropped.
  const body = id.endsWith('.json')
    ? `module.exports = ${text.trim()};`
    : text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return `${JSON.stringify(id)}: [function (exports, require, module, __filename, __dirname) {${body}\n}, ${JSON.stringify(requires)}]`;
}

/**
 * `text` with each character outside ASCII written as its `\\uXXXX` escape (the same string, regular
 * expression or identifier to JavaScript; comments only change their look). An ASCII file is read
 * as Latin-1 by the loader, a copy of its bytes, where UTF-8 decoding of a few non-ASCII characters
 * in 3 MB took ~50 ms of every start. A character already escaped by a backslash (`'\\é'`) has no
 * escape of the same meaning: the build stops on it.
 */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (char, offset) => {
    let backslashes = 0;
    while (text[offset - 1 - backslashes] === '\\') backslashes += 1;
    if (backslashes % 2 === 1) throw new Error(`a backslash before \`${char}\` at offset ${offset}: write its \\u escape in the source`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The bundle's text: a function of the loader's `load(id, requires)` that returns the entry's exports. */
function bundleText(command, modules) {
  const entries = [...modules].map(([id, m]) => moduleSource(id, m));
  const text = [
    `// Generated by scripts/bundle-cli.js from the built modules of ${[...new Set([...modules.keys()].map((id) => id.split(':')[0]))].join(', ')}: do not edit.`,
    '(function (start) {',
    'return start({',
    entries.join(',\n'),
    `}, ${JSON.stringify(`${command.pkg}:${command.entry}`)});`,
    '})',
    '',
  ].join('\n');
  return asciiOnly(text);
}

function main() {
  for (const command of COMMANDS) {
    const dist = path.join(ROOT, PACKAGES[command.pkg], 'dist');
    const entryFile = path.join(ROOT, PACKAGES[command.pkg], command.entry);
    if (!fs.existsSync(entryFile)) throw new Error(`${entryFile} is missing: run tsc -b first`);
    const modules = collect(entryFile);
    const base = path.join(dist, `${command.name}.bundle`);
    const packages = [...new Set([...modules.keys()].map((id) => id.split(':')[0]))];
    fs.rmSync(`${base}.cache`, { force: true });
    fs.writeFileSync(`${base}.js`, bundleText(command, modules));
    fs.writeFileSync(`${base}.json`, `${JSON.stringify({ packages, encoding: 'latin1' }, null, 2)}\n`);
    // One run on a sample writes the code cache (run-bundle.js, at exit).
    const run = spawnSync(process.execPath, [path.join(ROOT, PACKAGES[command.pkg], command.bin), ...command.warm], {
      cwd: ROOT,
      env: { ...process.env, IAMGATE_WRITE_CODE_CACHE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (run.status !== 0 || !fs.existsSync(`${base}.cache`)) {
      throw new Error(`warming the code cache of ${command.name} failed (exit ${run.status}): ${run.stderr}`);
    }
    const size = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
    console.log(`${command.name}: ${modules.size} modules, ${size(`${base}.js`)}, code cache ${size(`${base}.cache`)}`);
  }
}

main();
