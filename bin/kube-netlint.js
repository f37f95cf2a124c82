#!/usr/bin/env node
'use strict';
// A reader that stops early (`kube-netlint … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') process.stderr.write(`kube-netlint: cannot write the report: ${e.code || e.message}\n`);
  process.exit(e.code === 'EPIPE' ? process.exitCode || 0 : 2);
});
// One bundled file (npm run bundle), started from V8's code cache: loading ~100 modules one by one would
// double the start-up time, and compiling the bundle is most of what is left.
/**
 * One full garbage collection, which the CLI asks for after parsing a large plan: V8 keeps the parser's
 * garbage until its heap grows further, so without it the model and the rules grow the heap past the
 * parse's peak (a 10,000-node plan: 390 MB, against 300 MB with it, for one collection of about 80 ms).
 * gc is not exposed without a flag; enabling it at run time gives it to new contexts.
 */
function reclaim() {
  require('node:v8').setFlagsFromString('--expose-gc');
  require('node:vm').runInNewContext('gc')();
}
const cli = require('./load-bundle').loadBundle().exports;
cli.main(process.argv.slice(2), { ...cli.defaultIo(), reclaim }).then((code) => {
  process.exitCode = code;
});
