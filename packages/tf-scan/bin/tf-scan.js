#!/usr/bin/env node
'use strict';
const { loadCommand } = require('@iamgate/core/bin/run-bundle.js');

loadCommand(__dirname, 'tf-scan', '../dist/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
