/**
 * Runs one battery case as a user would (the built binary, a real file) and checks the common
 * contract. Returns the problems found (empty when the case passed) and what was observed.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { CLIS } = require('./cases');

const ROOT = path.join(__dirname, '../..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Writes the case's file into `dir` and returns its path. */
function materialize(c, dir, index) {
  const file = path.join(dir, `case-${index}.json`);
  const content = c.content;
  if (typeof content === 'object' && content !== null && !Buffer.isBuffer(content)) {
    if (content.kind === 'dir') fs.mkdirSync(file);
    else if (content.kind === 'unreadable') {
      fs.writeFileSync(file, content.text);
      fs.chmodSync(file, 0o000);
    }
    return file;
  }
  fs.writeFileSync(file, content);
  return file;
}

const isUnreadable = (c) => Boolean(c.content && c.content.kind === 'unreadable');

/** Root reads a file whatever its mode; it can still run the CLI as `nobody` through runuser. */
const runuser = isRoot ? ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p)) : undefined;

/** True when the case cannot be staged here: running as root without runuser. */
function unstageable(c) {
  return isUnreadable(c) && isRoot && runuser === undefined;
}

/** Runs the case's CLI on its file; resolves to the problems found and what was observed. */
async function runCase(cli, c, dir, index, timeoutMs) {
  const file = materialize(c, dir, index);
  const { bin, args } = CLIS[cli];
  const started = Date.now();
  let command = process.execPath;
  let argv = [path.join(ROOT, bin), ...args, file];
  if (isUnreadable(c) && isRoot && runuser !== undefined) {
    // The directory must be reachable for the unprivileged user, only the file unreadable.
    fs.chmodSync(dir, 0o755);
    argv = ['-u', 'nobody', '--', command, ...argv];
    command = runuser;
  }
  const result = await run(command, argv, dir, timeoutMs);
  const ms = Date.now() - started;
  const stderr = result.stderr;
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const observed = { code: result.code, ms, stderr: lines[0] ? truncate(lines[0]) : '', lines: lines.length };
  const problems = [];
  if (result.timedOut) problems.push(`timed out after ${timeoutMs} ms`);
  if (/^\s+at .+[(:]\d+/m.test(stderr)) problems.push('stack trace on stderr');
  if (/internal error|maximum call stack|out of memory/i.test(stderr)) problems.push('internal error on stderr');
  const codes = [].concat(c.expect.code);
  if (!codes.includes(result.code)) problems.push(`exit ${result.code}, expected ${codes.join(' or ')}`);
  if (result.code === 2 && codes.includes(2)) {
    if (lines.length !== 1) problems.push(`${lines.length} lines on stderr, expected 1`);
    // The file is named by its path (absolute or relative to the working directory) or its name.
    if (!stderr.includes(path.basename(file))) problems.push('stderr does not name the file');
    if (c.expect.pointer && !stderr.includes(c.expect.pointer)) problems.push(`stderr does not name the pointer ${c.expect.pointer}`);
  }
  if (result.code === 1 && codes.includes(1) && !/[a-z-]+\/[a-z-]+/.test(result.stdout)) problems.push('no rule id on stdout');
  // Failing closed is right, but a check that throws on some input is still a defect.
  if (/unverifiable\/rule-failure|maximum call stack/i.test(result.stdout)) problems.push('a rule failed on stdout');
  if (typeof c.content === 'object' && c.content && c.content.kind === 'unreadable') fs.chmodSync(file, 0o600);
  return { problems, observed };
}

/** Spawns without blocking, so that several cases run at once; kills the child at the deadline. */
function run(command, args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', IAMGATE_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        ms: Date.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Runs `jobs` (functions returning promises) at most `width` at a time, keeping their order. */
async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

function truncate(s) {
  return s.length > 240 ? `${s.slice(0, 240)}...` : s;
}

module.exports = { runCase, run, pool, unstageable };
