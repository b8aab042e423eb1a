// Preloaded (`node -r`) to run a CDK app, and cdk-guard itself, on the oldest aws-cdk-lib
// cdk-guard supports (its peer dependency's floor), installed as `aws-cdk-lib-oldest`.
'use strict';
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const oldest =
    request === 'aws-cdk-lib' || request.startsWith('aws-cdk-lib/')
      ? 'aws-cdk-lib-oldest' + request.slice('aws-cdk-lib'.length)
      : request;
  return resolve.call(this, oldest, ...rest);
};
