'use strict';
/**
 * Loads a command's entry module from its bundle (scripts/bundle-cli.js writes
 * `dist/<command>.bundle.js`, its manifest and V8's code cache at build time): one file compiled
 * from cache instead of ~150 modules resolved, read and compiled one by one. The modules run as
 * they would from disk: the same `__filename`, `__dirname`, `module` and `exports`, and every
 * request the bundle does not hold (built-ins, dependencies, data) goes to Node's own `require`
 * from the module's place. Without a bundle, or with one older than a build of a package it holds
 * (`tsc -b` run alone), the modules are required from disk as usual.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

/** When the build warms the cache: write what V8 compiled during this run at exit. */
const WRITE_CACHE = process.env.IAMGATE_WRITE_CODE_CACHE === '1';

function modifiedAt(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The bundle's manifest with `roots`, package name -> folder, for the packages of the bundle;
 * undefined when one was built after it.
 */
function readManifest(manifestFile, bundleTime, binDir) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
  const resolveFromBin = createRequire(path.join(binDir, 'bin.js'));
  const roots = new Map();
  for (const name of manifest.packages) {
    const root = path.dirname(resolveFromBin.resolve(`${name}/package.json`));
    const built = modifiedAt(path.join(root, 'dist', '.tsbuildinfo'));
    if (built !== undefined && built > bundleTime) return undefined;
    roots.set(name, root);
  }
  return { roots, encoding: manifest.encoding === 'latin1' ? 'latin1' : 'utf8' };
}

/** Runs the bundle's module table: `require` within it, the real `require` for the rest. */
function startModules(roots, table, entryId) {
  const loaded = new Map();
  const load = (id) => {
    const done = loaded.get(id);
    if (done !== undefined) return done.exports;
    const [body, requires] = table[id];
    const colon = id.indexOf(':');
    const filename = path.join(roots.get(id.slice(0, colon)), id.slice(colon + 1));
    const module = { id: filename, filename, exports: {}, loaded: false };
    loaded.set(id, module);
    let fromDisk;
    const localRequire = (request) => {
      const target = requires[request];
      if (target !== undefined) return load(target);
      fromDisk ??= createRequire(filename);
      return fromDisk(request);
    };
    body.call(module.exports, module.exports, localRequire, module, filename, path.dirname(filename));
    module.loaded = true;
    return module.exports;
  };
  return load(entryId);
}

/** The exports of the bundle `dist/<name>.bundle.js` beside `binDir`, or undefined to load from disk. */
function fromBundle(binDir, name) {
  const base = path.join(binDir, '..', 'dist', `${name}.bundle`);
  const bundleTime = modifiedAt(`${base}.js`);
  if (bundleTime === undefined) return undefined;
  const manifest = readManifest(`${base}.json`, bundleTime, binDir);
  if (manifest === undefined) return undefined;
  const { roots, encoding } = manifest;
  let cachedData;
  if (!WRITE_CACHE) {
    try {
      cachedData = fs.readFileSync(`${base}.cache`);
    } catch {
      // No cache: compiled from the text, as any module.
    }
  }
  let script;
  try {
    script = new vm.Script(fs.readFileSync(`${base}.js`, encoding), { filename: `${base}.js`, cachedData });
  } catch {
    // A bundle cut short (a build interrupted while writing it): the modules on disk still work.
    return undefined;
  }
  if (WRITE_CACHE) process.once('exit', () => fs.writeFileSync(`${base}.cache`, script.createCachedData()));
  return script.runInThisContext()((table, entryId) => startModules(roots, table, entryId));
}

/** The entry module of command `name`: from its bundle when usable, else `entry` (relative to binDir). */
function loadCommand(binDir, name, entry) {
  return fromBundle(binDir, name) ?? require(path.join(binDir, entry));
}

module.exports = { loadCommand };
