#!/usr/bin/env node
'use strict';
const { loadCommand } = require('./run-bundle.js');

loadCommand(__dirname, 'iamgate', '../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
