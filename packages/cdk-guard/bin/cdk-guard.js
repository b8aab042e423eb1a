#!/usr/bin/env node
'use strict';
const { loadCommand } = require('@iamgate/core/bin/run-bundle.js');

loadCommand(__dirname, 'cdk-guard', '../dist/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
