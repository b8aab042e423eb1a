/**
 * Runs one battery case as a user would (the built binary, a real file) and checks the common
 * contract. Returns the problems found (empty when the case passed) and what was observed.
 */
'use strict';

const { spawnSync } = require('node:child_process');
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

/** True when the case cannot be staged here: root reads a file whatever its mode. */
function unstageable(c) {
  return c.content && c.content.kind === 'unreadable' && isRoot;
}

function runCase(cli, c, dir, index, timeoutMs) {
  const file = materialize(c, dir, index);
  const { bin, args } = CLIS[cli];
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, bin), ...args, file], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', IAMGATE_DEBUG: '' },
  });
  const ms = Date.now() - started;
  const stderr = result.stderr || '';
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const observed = { code: result.status, signal: result.signal, ms, stderr: lines[0] ? truncate(lines[0]) : '', lines: lines.length };
  const problems = [];
  if (result.error && result.error.code === 'ETIMEDOUT') problems.push(`timed out after ${timeoutMs} ms`);
  else if (result.error) problems.push(`could not run: ${result.error.message}`);
  if (/\n\s+at .+[(:]\d+/.test(stderr) || /^\s{4}at /m.test(stderr)) problems.push('stack trace on stderr');
  if (/internal error/i.test(stderr)) problems.push('internal error');
  if (/polluted/.test(stderr)) problems.push('pollution reported');
  if (result.status !== c.expect.code) problems.push(`exit ${result.status}, expected ${c.expect.code}`);
  if (c.expect.code === 2) {
    if (lines.length !== 1) problems.push(`${lines.length} lines on stderr, expected 1`);
    // The file is named by its path (absolute or relative to the working directory) or its name.
    if (!stderr.includes(path.basename(file))) problems.push('stderr does not name the file');
    if (c.expect.pointer && !stderr.includes(c.expect.pointer)) problems.push(`stderr does not name the pointer ${c.expect.pointer}`);
  }
  if (c.expect.code === 1 && !/[a-z-]+\/[a-z-]+/.test(result.stdout || '')) problems.push('no rule id on stdout');
  if (typeof c.content === 'object' && c.content && c.content.kind === 'unreadable') fs.chmodSync(file, 0o600);
  return { problems, observed };
}

function truncate(s) {
  return s.length > 240 ? `${s.slice(0, 240)}...` : s;
}

module.exports = { runCase, unstageable, isRoot, ROOT };
